package dev.paperdigest.ingest.event;

import java.util.List;

import dev.paperdigest.ingest.paper.Paper;
import dev.paperdigest.ingest.paper.PaperLinks;

/** The one place where a stored {@link Paper} becomes the {@link NewPaperEvent} announced on {@code papers.new}. */
public final class NewPaperEventMapper {

    private NewPaperEventMapper() {
    }

    public static NewPaperEvent toEvent(Paper paper) {
        PaperLinks links = paper.links;
        return new NewPaperEvent(
                paper.id,
                paper.version,
                paper.title,
                paper.abstractText,
                list(paper.authors),
                list(paper.categories),
                paper.primaryCategory,
                paper.publishedAt,
                links == null ? null : new NewPaperEvent.Links(links.abs(), links.pdf(), links.huggingface()),
                paper.upvotes,
                list(paper.sources));
    }

    private static List<String> list(String[] values) {
        return values == null ? List.of() : List.of(values);
    }
}
