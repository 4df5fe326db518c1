package dev.paperdigest.ingest.source.arxiv;

import dev.paperdigest.ingest.paper.NormalizedPaper;
import dev.paperdigest.ingest.source.ParsedFeed;
import java.util.List;

/**
 * One page of an arXiv API query with its OpenSearch paging figures.
 *
 * @param feed         the papers and skipped entries of this page
 * @param totalResults {@code opensearch:totalResults}: matches of the whole query
 * @param startIndex   {@code opensearch:startIndex}: 0-based offset of this page
 * @param itemsPerPage {@code opensearch:itemsPerPage}: the page size asked for
 */
public record ArxivApiPage(ParsedFeed feed, int totalResults, int startIndex, int itemsPerPage) {

    public List<NormalizedPaper> papers() {
        return feed.papers();
    }

    /** The {@code start} parameter of the next request. */
    public int nextStartIndex() {
        return startIndex + feed.entryCount();
    }

    /** More results remain; an empty page ends paging even if totalResults says otherwise (arXiv sometimes does). */
    public boolean hasNextPage() {
        return feed.entryCount() > 0 && nextStartIndex() < totalResults;
    }
}
