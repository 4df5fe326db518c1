package dev.paperdigest.notify.matching;

import dev.paperdigest.notify.matching.query.TopicQuery;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Matches papers against the registered distinct topic queries. Each distinct query (after normalization, see
 * {@link TopicQuery#normalized()}) is registered once under the id of its {@code topic_query} row, however many
 * subscribers share it. Implementations are thread-safe.
 */
public interface Matcher {

    /** Registers (or replaces) these queries, by id. */
    void register(Map<Long, TopicQuery> queries);

    /** Forgets these queries; unknown ids are ignored. */
    void unregister(Collection<Long> queryIds);

    /**
     * Replaces every registered query by these at once: a concurrent {@link #match} sees either the old set or the
     * new one, never a half-built one.
     */
    void replaceAll(Map<Long, TopicQuery> queries);

    /** How many distinct queries are registered. */
    int size();

    /** Ids of the registered queries each paper matches, by paper id (papers that match nothing may be absent). */
    Map<String, Set<Long>> match(List<PaperDocument> papers);

    /** Ids of the registered queries the paper matches. */
    default Set<Long> match(PaperDocument paper) {
        return match(List.of(paper)).getOrDefault(paper.id(), Set.of());
    }
}
