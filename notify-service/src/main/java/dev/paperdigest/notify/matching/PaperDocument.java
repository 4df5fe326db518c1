package dev.paperdigest.notify.matching;

/** The parts of a paper that topics are matched against. */
public record PaperDocument(String id, String title, String abstractText) {
}
