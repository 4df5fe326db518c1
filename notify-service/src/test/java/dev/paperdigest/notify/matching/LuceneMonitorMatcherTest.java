package dev.paperdigest.notify.matching;

import dev.paperdigest.notify.matching.query.MatchExplainer;
import dev.paperdigest.notify.matching.query.TopicQuery;
import dev.paperdigest.notify.matching.query.TopicQueryParser;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Which registered topics each real paper reaches, whether papers come one by one or as a day's batch. */
class LuceneMonitorMatcherTest {

    private static final TopicQueryParser PARSER = new TopicQueryParser();

    private final LuceneMonitorMatcher matcher = new LuceneMonitorMatcher();

    private static TopicQuery q(String text) {
        return PARSER.parse(text);
    }

    private static PaperDocument paper(String titleStart) {
        return RecordedPapers.titled(titleStart);
    }

    @AfterEach
    void close() {
        matcher.close();
    }

    @Test
    void eachPaperReachesTheTopicsThatDescribeIt() {
        matcher.register(Map.of(1L, q("transformers"), 2L, q("diffusion -video"), 3L, q("author:\"Del Maestro\""),
                4L, q("category:cs.*"), 5L, q("diffusion*")));

        Map<String, Set<Long>> matches = matcher.match(List.of(paper("Grokked Transformers"), paper("EasyText"),
                paper("UniGeo"), paper("A Luttinger Liquid"), paper("Focus Session")));

        assertEquals(Set.of(1L), matches.get(paper("Grokked Transformers").id()));
        assertEquals(Set.of(1L, 2L, 5L), matches.get(paper("EasyText").id()));
        assertEquals(Set.of(5L), matches.get(paper("UniGeo").id()));
        assertEquals(Set.of(3L), matches.get(paper("A Luttinger Liquid").id()));
        assertTrue(matches.get(paper("Focus Session").id()).contains(4L));
    }

    @Test
    void aTopicSharedBySubscribersIsRegisteredOnceAndReachesThemAll() {
        // "Transformers" and "transformer" of two subscribers are one normalized query, so one registered id.
        Map<String, Long> idByNormalized = new LinkedHashMap<>();
        Map<Long, TopicQuery> queries = new HashMap<>();
        for (String topic : List.of("Transformers", "transformer", "  TRANSFORMER ", "luttinger liquid",
                "Liquid Luttinger")) {
            TopicQuery query = q(topic);
            long id = idByNormalized.computeIfAbsent(query.normalized(), k -> (long) idByNormalized.size() + 1);
            queries.putIfAbsent(id, query);
        }
        matcher.register(queries);

        assertEquals(2, matcher.size());
        assertEquals(Set.of(1L), matcher.match(paper("Stacking Your Transformers")));
        assertEquals(Set.of(2L), matcher.match(paper("A Luttinger Liquid")));
    }

    @Test
    void aWholeBatchFindsExactlyWhatPapersOneByOneFind() {
        Map<Long, TopicQuery> queries = new HashMap<>();
        List<String> topics = List.of("language models", "\"large language models\"", "reinforcement learning",
                "reason*", "video OR vision", "(diffusion OR transformer) -video", "title:benchmark",
                "abstract:\"quantum monte carlo\"", "author:zhang", "category:cond-mat.*", "helium-4", "multimodal",
                "\"mixture of experts\"", "luttinger", "speculative decoding");
        for (int i = 0; i < topics.size(); i++) {
            queries.put((long) i, q(topics.get(i)));
        }
        matcher.replaceAll(queries);
        List<PaperDocument> papers = RecordedPapers.all();

        Map<String, Set<Long>> batch = matcher.match(papers);

        MatchExplainer explainer = new MatchExplainer();
        for (PaperDocument paper : papers) {
            Set<Long> expected = new HashSet<>();
            queries.forEach((id, query) -> {
                if (explainer.explain(paper, query).matches()) {
                    expected.add(id);
                }
            });
            assertEquals(expected, matcher.match(paper), paper.title());
            assertEquals(expected, batch.getOrDefault(paper.id(), Set.of()), paper.title());
        }
        assertTrue(batch.values().stream().mapToInt(Set::size).sum() > papers.size(), "the topics reach many papers");
    }

    @Test
    void unregisteredTopicsNoLongerMatch() {
        matcher.register(Map.of(1L, q("transformers"), 2L, q("reasoners")));
        matcher.unregister(List.of(2L, 99L));

        assertEquals(1, matcher.size());
        assertEquals(Set.of(1L), matcher.match(paper("Grokked Transformers")));
    }

    @Test
    void registeringAnIdAgainReplacesItsQuery() {
        matcher.register(Map.of(1L, q("transformers")));
        matcher.register(Map.of(1L, q("luttinger")));

        assertEquals(1, matcher.size());
        assertEquals(Set.of(), matcher.match(paper("Grokked Transformers")));
        assertEquals(Set.of(1L), matcher.match(paper("A Luttinger Liquid")));
    }

    @Test
    void replaceAllSwapsTheWholeSetAtOnce() throws Exception {
        Map<Long, TopicQuery> old = new HashMap<>();
        Map<Long, TopicQuery> fresh = new HashMap<>();
        for (long id = 0; id < 50; id++) {
            old.put(id, q("transformers"));
            fresh.put(1000 + id, q("luttinger"));
        }
        matcher.replaceAll(old);
        PaperDocument grokked = paper("Grokked Transformers");
        PaperDocument luttinger = paper("A Luttinger Liquid");

        ExecutorService readers = Executors.newSingleThreadExecutor();
        AtomicBoolean done = new AtomicBoolean();
        Future<Set<Integer>> seenSizes = readers.submit(() -> {
            Set<Integer> sizes = new HashSet<>();
            do {
                Map<String, Set<Long>> m = matcher.match(List.of(grokked, luttinger));
                sizes.add(m.values().stream().mapToInt(Set::size).sum());
            } while (!done.get());
            return sizes;
        });
        for (int i = 0; i < 3; i++) {
            matcher.replaceAll(i % 2 == 0 ? fresh : old);
        }
        done.set(true);
        readers.shutdown();

        // Every match saw all 50 topics of one set, never a part of one.
        assertEquals(Set.of(50), seenSizes.get());
        assertEquals(50, matcher.size());
        assertEquals(50, matcher.match(luttinger).size()); // the last set registered: the luttinger topics
        assertEquals(Set.of(), matcher.match(grokked));
    }
}
