package dev.paperdigest.ingest.source.arxiv;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class CreatorListSplitterTest {

    @Test
    void splitsTheRecordedCsLgCreatorString() {
        assertEquals(
                List.of("Muhammad Shafique", "Abdul Basit", "Muhammad Abdullah Hanif", "Alberto Marchisio",
                        "Rachmad Vidya Wicaksana Putra", "Minghao Shao"),
                CreatorListSplitter.split("Muhammad Shafique, Abdul Basit, Muhammad Abdullah Hanif, "
                        + "Alberto Marchisio, Rachmad Vidya Wicaksana Putra, Minghao Shao"));
    }

    @Test
    void affiliationsWithCommasDoNotSplitNames() {
        assertEquals(List.of("Jane Doe", "John Smith", "Wei Zhang"),
                CreatorListSplitter.split("Jane Doe (MIT, Cambridge, MA), John Smith (ETH Z\\\"urich), Wei Zhang"));
    }

    @Test
    void oldStyleAffiliationFootnotesAreDropped() {
        assertEquals(List.of("A. Author", "B. Writer"),
                CreatorListSplitter.split("A. Author (1), B. Writer (2) ((1) Univ. X, Y, (2) Lab Z)"));
    }

    @Test
    void andBeforeTheLastNameSeparatesToo() {
        assertEquals(List.of("Alice Andrews", "Bob Anderson", "Carol Sandoval"),
                CreatorListSplitter.split("Alice Andrews, Bob Anderson and Carol Sandoval"));
        assertEquals(List.of("Alice Andrews", "Bob Anderson", "Carol Sandoval"),
                CreatorListSplitter.split("Alice Andrews, Bob Anderson, and Carol Sandoval"));
        assertEquals(List.of("Alice", "Bob"), CreatorListSplitter.split("Alice and Bob"));
    }

    @Test
    void namesAreNormalized() {
        assertEquals(List.of("Erwin Schrödinger", "Przemysław Nowak", "Ana Peña"),
                CreatorListSplitter.split("  Erwin\n  Schr\\\"odinger ,Przemys{\\l}aw Nowak,Ana Pe\\~na  "));
    }

    @Test
    void suffixesStayWithTheirName() {
        assertEquals(List.of("John Smith Jr.", "Mary Major"), CreatorListSplitter.split("John Smith, Jr., Mary Major"));
    }

    @Test
    void emptyPiecesAndUnbalancedParenthesesLoseNoName() {
        assertEquals(List.of("Ann Lee", "Bo Kim"), CreatorListSplitter.split("Ann Lee, , Bo Kim,"));
        // An unclosed "(" must not swallow the names after it.
        assertEquals(List.of("Ann Lee MIT", "Bo Kim"), CreatorListSplitter.split("Ann Lee (MIT, Bo Kim"));
    }

    @Test
    void nothingGivesNoAuthors() {
        assertEquals(List.of(), CreatorListSplitter.split(null));
        assertEquals(List.of(), CreatorListSplitter.split("  "));
    }
}
