package dev.paperdigest.ingest.source.huggingface;

import java.net.URI;
import java.time.LocalDate;
import java.time.ZoneId;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.paperdigest.ingest.source.FeedHttpClient;
import dev.paperdigest.ingest.source.ParsedFeed;
import dev.paperdigest.ingest.source.PaperSource;
import dev.paperdigest.ingest.source.SourcesConfig;

/** Hugging Face Daily Papers of one day: {@code GET {base}/api/daily_papers?date=YYYY-MM-DD}. */
@ApplicationScoped
public class HuggingFaceDailyPapersSource implements PaperSource {

    private final SourcesConfig.HuggingFace config;
    private final FeedHttpClient http;
    private final HuggingFaceDailyPapersParser parser;

    public HuggingFaceDailyPapersSource(SourcesConfig config, FeedHttpClient http, ObjectMapper mapper) {
        this.config = config.huggingface();
        this.http = http;
        this.parser = new HuggingFaceDailyPapersParser(mapper);
    }

    @Override
    public String name() {
        return HuggingFaceDailyPapersParser.SOURCE;
    }

    @Override
    public boolean enabled() {
        return config.enabled();
    }

    @Override
    public String cron() {
        return config.cron();
    }

    @Override
    public ZoneId timeZone() {
        return ZoneId.of(config.timeZone());
    }

    @Override
    public boolean fetchesByDate() {
        return true;
    }

    @Override
    public ParsedFeed fetch(LocalDate day) {
        URI uri = URI.create(PaperSource.trimmed(config.baseUrl()) + "/api/daily_papers?date=" + day);
        return parser.parse(http.get(name(), uri).requireSuccess(name()).body());
    }
}
