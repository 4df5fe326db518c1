package dev.paperdigest.ingest.run;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import dev.paperdigest.ingest.paper.StoreOutcome;
import dev.paperdigest.ingest.paper.TextNormalizer;

/** The counts of a run in progress, with the first reasons for skipped entries and errors. Used by one thread. */
final class RunTally {

    /** Enough to see what is wrong with a feed without storing a reason per entry of a broken one. */
    static final int MAX_REASONS = 50;

    private int fetched;
    private int newPapers;
    private int alreadyKnown;
    private int revised;
    private int skipped;
    private int errors;
    private final List<String> skippedReasons = new ArrayList<>();
    private final List<String> errorReasons = new ArrayList<>();

    void fetched(int entries) {
        fetched = entries;
    }

    void skip(String reason) {
        skipped++;
        addCapped(skippedReasons, reason);
    }

    void error(String reason) {
        errors++;
        addCapped(errorReasons, reason);
    }

    void add(List<StoreOutcome> outcomes) {
        for (StoreOutcome outcome : outcomes) {
            switch (outcome) {
                case NEW -> newPapers++;
                case ALREADY_KNOWN -> alreadyKnown++;
                case REVISED -> revised++;
            }
        }
    }

    /** Papers the database took, whatever became of them. */
    int stored() {
        return newPapers + alreadyKnown + revised;
    }

    /** Reasons quote feed text (ids, dates, error messages): cleaned, since PostgreSQL text cannot hold NUL. */
    private static void addCapped(List<String> reasons, String reason) {
        if (reasons.size() < MAX_REASONS) {
            reasons.add(TextNormalizer.normalize(String.valueOf(reason)));
        }
    }

    int fetched() {
        return fetched;
    }

    int newPapers() {
        return newPapers;
    }

    int alreadyKnown() {
        return alreadyKnown;
    }

    int revised() {
        return revised;
    }

    int skipped() {
        return skipped;
    }

    int errors() {
        return errors;
    }

    List<String> skippedReasons() {
        return Collections.unmodifiableList(skippedReasons);
    }

    List<String> errorReasons() {
        return Collections.unmodifiableList(errorReasons);
    }
}
