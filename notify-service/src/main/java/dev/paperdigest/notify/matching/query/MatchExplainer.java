package dev.paperdigest.notify.matching.query;

import dev.paperdigest.notify.matching.PaperDocument;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.memory.MemoryIndex;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Matches;
import org.apache.lucene.search.MatchesIterator;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.Weight;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Says whether a topic matches a paper and which words of which field matched, for highlighting in mails and the
 * topic preview. It indexes the one paper in a Lucene {@link MemoryIndex} with offsets, exactly as the matcher
 * does ({@link PaperFields}), and asks the query's own {@link Weight#matches} where it matched, so a highlight is
 * always what Lucene matched (stemmed forms, phrases, wildcards), never a guess. A few hundred microseconds per
 * paper; meant for the papers of a mail or a preview, not for bulk matching. Thread-safe.
 */
@ApplicationScoped
public class MatchExplainer {

    /**
     * One matched stretch of a field as given in the {@link PaperDocument}.
     *
     * @param field      "title", "abstract", "author" or "category"
     * @param valueIndex which author or category (0 for title and abstract)
     * @param start      offset of the first character in that value (inclusive)
     * @param end        offset after the last character (exclusive)
     * @param text       the matched characters, {@code value.substring(start, end)}
     */
    public record Span(String field, int valueIndex, int start, int end, String text) {
    }

    /** Whether the query matched, and where (empty when it did not). Spans are in field order, then by offset. */
    public record Explanation(boolean matches, List<Span> spans) {
    }

    private static final List<String> FIELD_ORDER =
            List.of(PaperFields.TITLE, PaperFields.ABSTRACT, PaperFields.AUTHOR, PaperFields.CATEGORY);

    public Explanation explain(PaperDocument paper, TopicQuery query) {
        return explain(index(paper), query);
    }

    /** Several queries on one paper: index it once with {@link #index}, then explain each query on it. */
    public Explanation explain(IndexedPaper indexed, TopicQuery query) {
        try {
            IndexSearcher searcher = indexed.index.createSearcher();
            searcher.setQueryCache(null);
            Query rewritten = searcher.rewrite(query.query());
            if (searcher.count(rewritten) == 0) {
                return new Explanation(false, List.of());
            }
            Weight weight = searcher.createWeight(rewritten, ScoreMode.COMPLETE_NO_SCORES, 1);
            LeafReaderContext leaf = searcher.getIndexReader().leaves().get(0);
            Matches matches = weight.matches(leaf, 0);
            Set<Span> spans = new LinkedHashSet<>();
            if (matches != null) {
                for (String field : matches) {
                    MatchesIterator it = matches.getMatches(field);
                    while (it != null && it.next()) {
                        if (it.startOffset() >= 0) {
                            indexed.span(field, it.startOffset(), it.endOffset()).ifPresent(spans::add);
                        }
                    }
                }
            }
            List<Span> sorted = new ArrayList<>(spans);
            sorted.sort(Comparator.comparingInt((Span s) -> FIELD_ORDER.indexOf(s.field()))
                    .thenComparingInt(Span::valueIndex).thenComparingInt(Span::start).thenComparingInt(Span::end));
            return new Explanation(true, List.copyOf(sorted));
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a MemoryIndex does no I/O
        }
    }

    /** The paper indexed for {@link #explain(IndexedPaper, TopicQuery)}; use it on one thread at a time. */
    public IndexedPaper index(PaperDocument paper) {
        IndexedPaper indexed = new IndexedPaper();
        String title = nullToEmpty(paper.title());
        String abstractText = nullToEmpty(paper.abstractText());
        indexed.add(PaperFields.TITLE, PaperFields.TITLE, title, 0);
        indexed.add(PaperFields.ABSTRACT, PaperFields.ABSTRACT, abstractText, 0);
        indexed.add(PaperFields.TEXT, PaperFields.TITLE, title, 0);
        indexed.add(PaperFields.TEXT, PaperFields.ABSTRACT, abstractText, 0);
        indexed.add(PaperFields.TITLE_EXACT, PaperFields.TITLE, title, 0);
        indexed.add(PaperFields.ABSTRACT_EXACT, PaperFields.ABSTRACT, abstractText, 0);
        indexed.add(PaperFields.TEXT_EXACT, PaperFields.TITLE, title, 0);
        indexed.add(PaperFields.TEXT_EXACT, PaperFields.ABSTRACT, abstractText, 0);
        for (int i = 0; i < paper.authors().size(); i++) {
            indexed.add(PaperFields.AUTHOR, PaperFields.AUTHOR, nullToEmpty(paper.authors().get(i)), i);
        }
        for (int i = 0; i < paper.categories().size(); i++) {
            indexed.add(PaperFields.CATEGORY, PaperFields.CATEGORY, nullToEmpty(paper.categories().get(i)).strip(), i);
        }
        indexed.index.freeze();
        return indexed;
    }

    private static String nullToEmpty(String value) {
        return value == null ? "" : value;
    }

    /**
     * The paper's MemoryIndex, and where each value of each Lucene field starts in the field's offsets: MemoryIndex
     * numbers the offsets of a field's later values on from the end of the earlier ones (plus the offset gap),
     * once the field has had a token.
     */
    public static final class IndexedPaper {
        private final MemoryIndex index = new MemoryIndex(true, false);
        private final Analyzer analyzer = PaperFields.analyzer();
        private final Map<String, List<Value>> values = new HashMap<>();
        private final Map<String, int[]> next = new HashMap<>(); // [next base offset, tokens so far]

        private IndexedPaper() {
        }

        private record Value(int base, String field, int valueIndex, String text) {
        }

        private void add(String luceneField, String field, String text, int valueIndex) {
            int[] state = next.computeIfAbsent(luceneField, k -> new int[2]);
            int base = state[1] > 0 ? state[0] : 0;
            values.computeIfAbsent(luceneField, k -> new ArrayList<>()).add(new Value(base, field, valueIndex, text));
            int[] tokens = new int[1];
            TokenStream stream = new TokenFilter(analyzer.tokenStream(luceneField, text)) {
                @Override
                public boolean incrementToken() throws IOException {
                    boolean more = input.incrementToken();
                    if (more) {
                        tokens[0]++;
                    }
                    return more;
                }
            };
            index.addField(luceneField, stream, analyzer.getPositionIncrementGap(luceneField),
                    analyzer.getOffsetGap(luceneField));
            state[1] += tokens[0];
            if (state[1] > 0) {
                state[0] = base + text.length() + analyzer.getOffsetGap(luceneField);
            }
        }

        private Optional<Span> span(String luceneField, int start, int end) {
            List<Value> list = values.getOrDefault(luceneField, List.of());
            for (int i = list.size() - 1; i >= 0; i--) {
                Value value = list.get(i);
                if (start >= value.base()) {
                    int from = Math.min(start - value.base(), value.text().length());
                    int to = Math.min(Math.max(end - value.base(), from), value.text().length());
                    return Optional.of(new Span(value.field(), value.valueIndex(), from, to,
                            value.text().substring(from, to)));
                }
            }
            return Optional.empty();
        }
    }
}
