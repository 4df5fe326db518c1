package dev.paperdigest.ingest.source;

import dev.paperdigest.ingest.paper.NormalizedPaper;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** What one feed response held: the valid papers in feed order, and the entries skipped as invalid. */
public record ParsedFeed(List<NormalizedPaper> papers, List<SkippedEntry> skipped) {

    /** Reads one feed entry as a paper. */
    @FunctionalInterface
    public interface EntryReader<E> {
        NormalizedPaper read(E entry) throws InvalidEntryException;
    }

    public ParsedFeed {
        papers = List.copyOf(papers);
        skipped = List.copyOf(skipped);
    }

    /**
     * Reads {@code entries} in feed order: a valid one becomes a paper, an invalid one a {@link SkippedEntry} with its
     * 1-based position, the id as the feed wrote it ({@code rawId}) and the reason.
     */
    public static <E> ParsedFeed read(List<E> entries, EntryReader<E> reader, Function<E, String> rawId) {
        List<NormalizedPaper> papers = new ArrayList<>();
        List<SkippedEntry> skipped = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            E entry = entries.get(i);
            try {
                papers.add(reader.read(entry));
            } catch (InvalidEntryException e) {
                skipped.add(new SkippedEntry(i + 1, rawId.apply(entry), e.getMessage()));
            }
        }
        return new ParsedFeed(papers, skipped);
    }

    /** Entries seen, valid or not: what paging advances by. */
    public int entryCount() {
        return papers.size() + skipped.size();
    }
}
