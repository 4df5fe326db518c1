package dev.paperdigest.notify.digest;

import org.junit.jupiter.api.Test;

import java.util.stream.LongStream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Which of a subscriber's queries a paper matched, as a digest stores it (see V4__digest_matched_queries.sql). */
class MatchedQueryBitsTest {

    /** A paper's sorted query ids, as paper_queries holds them: thousands at a million topics. */
    private static final long[] PAPER = LongStream.rangeClosed(1, 5000).map(i -> i * 3).toArray();

    @Test
    void eachMatchedQueryOfTheSubscriberSetsItsBit() {
        assertEquals(0b101, DigestScheduler.bitsOf(PAPER, new long[] {3, 4, 9000}));
        assertEquals(0b010, DigestScheduler.bitsOf(PAPER, new long[] {2, 15000, 15001}));
    }

    @Test
    void noneMatchedIsZero() {
        assertEquals(0, DigestScheduler.bitsOf(PAPER, new long[] {1, 2, 4, 15001}));
        assertEquals(0, DigestScheduler.bitsOf(PAPER, new long[0]));
    }

    @Test
    void aMatchBeyondTheSixtyThirdQueryStillCounts() {
        // Only topics from before the 20-topic limit come to this; such digests store no bits, but 0 means no match.
        long[] queries = LongStream.concat(LongStream.rangeClosed(1, 200).filter(i -> i % 3 != 0).limit(64),
                LongStream.of(15000)).toArray(); // 65 queries, only the last matches
        assertEquals(Long.MIN_VALUE, DigestScheduler.bitsOf(PAPER, queries));
    }
}
