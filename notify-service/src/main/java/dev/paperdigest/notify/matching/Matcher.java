package dev.paperdigest.notify.matching;

import java.util.Map;
import java.util.Set;

/**
 * Matches papers against the registered topic queries. Implementations are thread-safe. The keyword matcher is
 * the first one; a Lucene Monitor based one with a real query language replaces it later.
 */
public interface Matcher {

    /** Registers (or replaces) the query of a topic. */
    void register(long topicId, String query);

    /** Forgets a topic; unknown ids are ignored. */
    void unregister(long topicId);

    /**
     * Replaces every registered topic by these (id → query) at once: a concurrent {@link #match} sees either the
     * old set or the new one, never a half-built one.
     */
    void replaceAll(Map<Long, String> queriesById);

    /** How many topics are registered. */
    int size();

    /** Ids of the registered topics that the paper matches. */
    Set<Long> match(PaperDocument paper);
}
