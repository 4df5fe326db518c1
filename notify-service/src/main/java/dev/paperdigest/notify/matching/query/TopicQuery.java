package dev.paperdigest.notify.matching.query;

import org.apache.lucene.search.Query;

/**
 * A topic query that parsed: the text as the subscriber wrote it (on one line), its normalized form (equal for
 * queries that match the same papers in the same way, e.g. "Transformers" and "transformer"; the key under which
 * the query is registered once) and the Lucene query.
 */
public record TopicQuery(String text, String normalized, Query query) {
}
