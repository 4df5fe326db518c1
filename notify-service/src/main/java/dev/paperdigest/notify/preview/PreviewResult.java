package dev.paperdigest.notify.preview;

import dev.paperdigest.notify.paper.Paper;

import java.time.Instant;
import java.util.List;

/**
 * What GET /api/topics/preview answers: how many papers of the last {@code days} days the query matched, and the
 * best of them.
 */
public record PreviewResult(String query, int days, long count, List<PreviewPaper> papers) {

    /** One matched paper, as a list shows it. */
    public record PreviewPaper(String id, String title, List<String> authors, List<String> categories,
            Instant publishedAt, Instant receivedAt, Links links) {

        static PreviewPaper of(Paper paper) {
            return new PreviewPaper(paper.id, paper.title, paper.authors, paper.categories, paper.publishedAt,
                    paper.receivedAt, new Links(paper.absUrl, paper.pdfUrl, paper.huggingfaceUrl));
        }
    }

    public record Links(String abs, String pdf, String huggingface) {
    }
}
