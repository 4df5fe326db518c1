package dev.paperdigest.notify.matching.query;

import dev.paperdigest.notify.matching.PaperDocument;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.DelegatingAnalyzerWrapper;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.StopFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.core.KeywordTokenizer;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.en.EnglishPossessiveFilter;
import org.apache.lucene.analysis.en.PorterStemFilter;
import org.apache.lucene.analysis.miscellaneous.ASCIIFoldingFilter;
import org.apache.lucene.analysis.standard.StandardTokenizer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.TextField;

import java.util.Map;
import java.util.Set;

/**
 * The Lucene fields a paper is indexed under for topic matching, and how each is analyzed. The matcher, the
 * explainer and the topic preview all index papers with {@link #toDocument(PaperDocument)} and
 * {@link #analyzer()}, and {@link TopicQueryParser} builds queries against the same fields, so a query means the
 * same thing everywhere.
 *
 * <ul>
 * <li>{@link #TITLE}, {@link #ABSTRACT}: English words, stemmed (Porter, as Lucene's EnglishAnalyzer), lower case,
 * accents folded, English stop words ({@link #STOP_WORDS}) dropped but their positions kept, so the phrase
 * "graph of thoughts" still needs a word between "graph" and "thoughts".</li>
 * <li>{@link #TEXT}: title and abstract as two values of one field, analyzed as above, with a position gap so a
 * phrase never runs from the end of the title into the abstract. Unscoped words and phrases search it: one
 * clause per word instead of one per word and field keeps registered queries small.</li>
 * <li>{@link #TITLE_EXACT}, {@link #ABSTRACT_EXACT}, {@link #TEXT_EXACT}: the same texts, lower case and
 * folded but not stemmed and without stop words dropped. Trailing wildcards search these: a prefix of a stemmed
 * term would miss ("diffusion" is indexed as "diffus", so {@code diffusion*} must look at the unstemmed
 * words).</li>
 * <li>{@link #AUTHOR}: each author one value; words lower case with accents folded, not stemmed
 * ({@code author:schrodinger} finds "Erwin Schrödinger"), a position gap between authors so
 * {@code author:"Yann LeCun"} never joins the last name of one author to the first name of the next.</li>
 * <li>{@link #CATEGORY}: each category one lower-case keyword ({@code category:cs.LG}, {@code category:cs.*}).</li>
 * </ul>
 */
public final class PaperFields {

    public static final String TITLE = "title";
    public static final String ABSTRACT = "abstract";
    public static final String AUTHOR = "author";
    public static final String CATEGORY = "category";
    /** Title and abstract together, stemmed: the field of unscoped words and phrases. */
    public static final String TEXT = "text";
    public static final String TITLE_EXACT = "title_exact";
    public static final String ABSTRACT_EXACT = "abstract_exact";
    /** Title and abstract together, unstemmed: the field of unscoped trailing wildcards. */
    public static final String TEXT_EXACT = "text_exact";

    /** The field names a subscriber may write before a colon. */
    public static final Set<String> SCOPES = Set.of(TITLE, ABSTRACT, AUTHOR, CATEGORY);

    /**
     * Words that are not searched: Lucene's English stop set ("a", "an", "and", "are", "as", "at", "be", "but",
     * "by", "for", "if", "in", "into", "is", "it", "no", "not", "of", "on", "or", "such", "that", "the", "their",
     * "then", "there", "these", "they", "this", "to", "was", "will", "with").
     */
    public static final CharArraySet STOP_WORDS = EnglishAnalyzer.ENGLISH_STOP_WORDS_SET;

    /** Positions between two values of a multi-valued field: more than any phrase slop a query may use. */
    static final int VALUE_GAP = 100;

    private static final Analyzer STEMMED = new StemmedAnalyzer();
    private static final Analyzer EXACT = new WordsAnalyzer();
    private static final Analyzer KEYWORD = new KeywordLowerCaseAnalyzer();
    private static final Analyzer PER_FIELD = new PerFieldAnalyzer(Map.of(
            TITLE, STEMMED, ABSTRACT, STEMMED, TEXT, STEMMED,
            TITLE_EXACT, EXACT, ABSTRACT_EXACT, EXACT, TEXT_EXACT, EXACT, AUTHOR, EXACT,
            CATEGORY, KEYWORD));

    private PaperFields() {
    }

    /** The analyzer of every field above (thread-safe, shared). Unknown fields are analyzed as exact words. */
    public static Analyzer analyzer() {
        return PER_FIELD;
    }

    /** The paper as a Lucene document with the fields above (nothing stored: the document is only searched). */
    public static Document toDocument(PaperDocument paper) {
        Document doc = new Document();
        String title = nullToEmpty(paper.title());
        String abstractText = nullToEmpty(paper.abstractText());
        doc.add(new TextField(TITLE, title, Field.Store.NO));
        doc.add(new TextField(ABSTRACT, abstractText, Field.Store.NO));
        doc.add(new TextField(TEXT, title, Field.Store.NO));
        doc.add(new TextField(TEXT, abstractText, Field.Store.NO));
        doc.add(new TextField(TITLE_EXACT, title, Field.Store.NO));
        doc.add(new TextField(ABSTRACT_EXACT, abstractText, Field.Store.NO));
        doc.add(new TextField(TEXT_EXACT, title, Field.Store.NO));
        doc.add(new TextField(TEXT_EXACT, abstractText, Field.Store.NO));
        for (String author : paper.authors()) {
            doc.add(new TextField(AUTHOR, nullToEmpty(author), Field.Store.NO));
        }
        for (String category : paper.categories()) {
            doc.add(new TextField(CATEGORY, nullToEmpty(category).strip(), Field.Store.NO));
        }
        return doc;
    }

    private static String nullToEmpty(String value) {
        return value == null ? "" : value;
    }

    /** Words: standard tokenizer, lower case, accents folded; {@link #normalize} does the same for wildcards. */
    private static class WordsAnalyzer extends Analyzer {
        @Override
        protected TokenStreamComponents createComponents(String fieldName) {
            Tokenizer source = new StandardTokenizer();
            return new TokenStreamComponents(source, new ASCIIFoldingFilter(new LowerCaseFilter(source)));
        }

        @Override
        protected TokenStream normalize(String fieldName, TokenStream in) {
            return new ASCIIFoldingFilter(new LowerCaseFilter(in));
        }

        @Override
        public int getPositionIncrementGap(String fieldName) {
            return VALUE_GAP;
        }
    }

    /** English: as {@link EnglishAnalyzer} (possessives, stop words, Porter stemming), plus accent folding. */
    private static final class StemmedAnalyzer extends WordsAnalyzer {
        @Override
        protected TokenStreamComponents createComponents(String fieldName) {
            Tokenizer source = new StandardTokenizer();
            TokenStream result = new EnglishPossessiveFilter(source);
            result = new LowerCaseFilter(result);
            result = new ASCIIFoldingFilter(result);
            result = new StopFilter(result, STOP_WORDS);
            result = new PorterStemFilter(result);
            return new TokenStreamComponents(source, result);
        }
    }

    /** The whole value as one lower-case term. */
    private static final class KeywordLowerCaseAnalyzer extends Analyzer {
        @Override
        protected TokenStreamComponents createComponents(String fieldName) {
            Tokenizer source = new KeywordTokenizer();
            return new TokenStreamComponents(source, new LowerCaseFilter(source));
        }

        @Override
        protected TokenStream normalize(String fieldName, TokenStream in) {
            return new LowerCaseFilter(in);
        }

        @Override
        public int getPositionIncrementGap(String fieldName) {
            return VALUE_GAP;
        }
    }

    private static final class PerFieldAnalyzer extends DelegatingAnalyzerWrapper {
        private final Map<String, Analyzer> byField;

        PerFieldAnalyzer(Map<String, Analyzer> byField) {
            super(PER_FIELD_REUSE_STRATEGY);
            this.byField = byField;
        }

        @Override
        protected Analyzer getWrappedAnalyzer(String fieldName) {
            return byField.getOrDefault(fieldName, EXACT);
        }
    }
}
