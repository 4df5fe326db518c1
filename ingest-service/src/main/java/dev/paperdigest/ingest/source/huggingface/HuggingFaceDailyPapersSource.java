package dev.paperdigest.ingest.source.huggingface;

import java.net.URI;
import java.time.LocalDate;

import jakarta.inject.Singleton;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.paperdigest.ingest.source.FeedHttpClient;
import dev.paperdigest.ingest.source.ParsedFeed;
import dev.paperdigest.ingest.source.PaperSource;
import dev.paperdigest.ingest.source.SourcesConfig;

/** Hugging Face Daily Papers of one day: {@code GET {base}/api/daily_papers?date=YYYY-MM-DD}. */
@Singleton
public class HuggingFaceDailyPapersSource extends PaperSource {

    private final SourcesConfig.HuggingFace config;
    private final FeedHttpClient http;
    private final HuggingFaceDailyPapersParser parser;

    public HuggingFaceDailyPapersSource(SourcesConfig config, FeedHttpClient http, ObjectMapper mapper) {
        super(HuggingFaceDailyPapersParser.SOURCE, schedule(config.huggingface()), true);
        this.config = config.huggingface();
        this.http = http;
        this.parser = new HuggingFaceDailyPapersParser(mapper);
    }

    @Override
    public ParsedFeed fetch(LocalDate day) {
        URI uri = URI.create(trimmed(config.baseUrl()) + "/api/daily_papers?date=" + day);
        return parser.parse(http.get(name(), uri).requireSuccess(name()).body());
    }

    private static Schedule schedule(SourcesConfig.HuggingFace config) {
        return new Schedule(config.enabled(), config.cron(), config.timeZone());
    }
}
