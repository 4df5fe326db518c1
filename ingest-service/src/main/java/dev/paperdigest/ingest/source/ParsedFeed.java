package dev.paperdigest.ingest.source;

import dev.paperdigest.ingest.paper.NormalizedPaper;
import java.util.List;

/** What one feed response held: the valid papers in feed order, and the entries skipped as invalid. */
public record ParsedFeed(List<NormalizedPaper> papers, List<SkippedEntry> skipped) {

    public ParsedFeed {
        papers = List.copyOf(papers);
        skipped = List.copyOf(skipped);
    }

    public static ParsedFeed empty() {
        return new ParsedFeed(List.of(), List.of());
    }

    /** Entries seen, valid or not: what paging advances by. */
    public int entryCount() {
        return papers.size() + skipped.size();
    }
}
