package dev.paperdigest.notify.paper;

import dev.paperdigest.notify.event.NewPaperEvent;
import dev.paperdigest.notify.matching.PaperDocument;

import java.util.List;
import java.util.Objects;

/** The one place where the event type becomes notify's own types. */
public final class PaperMapper {

    private PaperMapper() {
    }

    public static Paper toPaper(NewPaperEvent event) {
        Paper paper = new Paper();
        paper.id = event.id().strip();
        paper.version = event.version();
        paper.title = event.title().strip();
        paper.abstractText = event.abstractText();
        paper.authors = names(event.authors());
        paper.categories = names(event.categories());
        paper.primaryCategory = event.primaryCategory();
        paper.publishedAt = event.publishedAt();
        if (event.links() != null) {
            paper.absUrl = event.links().abs();
            paper.pdfUrl = event.links().pdf();
            paper.huggingfaceUrl = event.links().huggingface();
        }
        paper.upvotes = event.upvotes();
        paper.sources = names(event.sources());
        return paper;
    }

    public static PaperDocument toDocument(Paper paper) {
        return new PaperDocument(paper.id, paper.title, paper.abstractText, paper.authors, paper.categories);
    }

    private static List<String> names(List<String> values) {
        return values == null ? List.of()
                : values.stream().filter(Objects::nonNull).map(String::strip).filter(v -> !v.isEmpty()).toList();
    }
}
