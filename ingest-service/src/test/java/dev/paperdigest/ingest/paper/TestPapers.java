package dev.paperdigest.ingest.paper;

import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

/** Papers for tests, each with an arXiv id no other test uses. */
final class TestPapers {

    private static final AtomicInteger NEXT = new AtomicInteger(ThreadLocalRandom.current().nextInt(10_000, 50_000));

    private TestPapers() {
    }

    /** A new-style id (2601.xxxxx) unique within this JVM. */
    static String freshId() {
        return "2601." + NEXT.getAndIncrement();
    }

    /** The smallest valid paper. */
    static Map<String, Object> paper(String id) {
        return Map.of("id", id, "title", "Paper " + id, "abstract", "Diffusion models, studied in " + id + ".");
    }
}
