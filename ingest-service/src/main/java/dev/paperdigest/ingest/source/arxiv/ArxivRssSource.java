package dev.paperdigest.ingest.source.arxiv;

import java.net.URI;
import java.time.LocalDate;

import jakarta.inject.Singleton;

import dev.paperdigest.ingest.source.FeedHttpClient;
import dev.paperdigest.ingest.source.ParsedFeed;
import dev.paperdigest.ingest.source.PaperSource;
import dev.paperdigest.ingest.source.SourcesConfig;

/**
 * arXiv's latest announcement for the configured categories: {@code GET {base}/rss/cs.AI+cs.LG+...}. The feed
 * holds only the latest announcement, so a run takes no date. Replacements in it are revisions, never new papers.
 */
@Singleton
public class ArxivRssSource extends PaperSource {

    private final SourcesConfig.Arxiv config;
    private final FeedHttpClient http;
    private final ArxivRssParser parser = new ArxivRssParser();

    public ArxivRssSource(SourcesConfig config, FeedHttpClient http) {
        super(ArxivRssParser.SOURCE, schedule(config.arxiv()), false);
        this.config = config.arxiv();
        this.http = http;
    }

    @Override
    public ParsedFeed fetch(LocalDate day) {
        // Categories are checked against the arXiv category pattern at start-up: nothing here needs escaping.
        URI uri = URI.create(trimmed(config.rssBaseUrl()) + "/rss/"
                + String.join("+", config.rssCategories()));
        return parser.parse(http.get(name(), uri).requireSuccess(name()).body());
    }

    private static Schedule schedule(SourcesConfig.Arxiv config) {
        return new Schedule(config.rssEnabled(), config.rssCron(), config.timeZone());
    }
}
