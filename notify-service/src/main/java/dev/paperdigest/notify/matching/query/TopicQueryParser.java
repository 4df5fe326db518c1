package dev.paperdigest.notify.matching.query;

import jakarta.enterprise.context.ApplicationScoped;
import org.apache.lucene.index.Term;
import org.apache.lucene.queryparser.charstream.FastCharStream;
import org.apache.lucene.queryparser.classic.ParseException;
import org.apache.lucene.queryparser.classic.QueryParser;
import org.apache.lucene.queryparser.classic.QueryParserConstants;
import org.apache.lucene.queryparser.classic.QueryParserTokenManager;
import org.apache.lucene.queryparser.classic.Token;
import org.apache.lucene.queryparser.classic.TokenMgrError;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.MatchNoDocsQuery;
import org.apache.lucene.search.PhraseQuery;
import org.apache.lucene.search.PrefixQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermQuery;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses a subscriber's topic into a Lucene query with Lucene's classic query parser, restricted to the syntax
 * documented in {@code docs/query-syntax.md}: words (stemmed, ANDed), "phrases" (with an optional {@code ~n} slop),
 * AND, OR, NOT, -word, +word, parentheses, a trailing wildcard ({@code transform*}) and the field scopes
 * {@code title:}, {@code abstract:}, {@code author:} and {@code category:}. Unscoped words search title and
 * abstract (the {@link PaperFields#TEXT} field).
 *
 * <p>Refused, each with a message and the 1-based position in the text as given: what does not parse, an empty
 * query (or one of stop words only), a query (or a parenthesized group) of negations only, unknown fields,
 * leading or inner wildcards and {@code ?}, fuzzy {@code word~}, regular expressions, ranges, boosts, a lone
 * {@code *}, OR mixed with AND or negation in one group without parentheses (the classic parser would silently
 * turn {@code a b OR c} into "a, optionally b or c"), and the size limits {@link #MAX_LENGTH},
 * {@link #MAX_TERMS}, {@link #MAX_DEPTH}, {@link #MAX_SLOP}.
 *
 * <p>Thread-safe: Lucene's parsers are not, so each thread reuses its own; the analyzer is shared.
 */
@ApplicationScoped
public class TopicQueryParser {

    /** Characters of a query; the REST layer allows 200, this is the parser's own guard. */
    public static final int MAX_LENGTH = 300;
    /** Words, phrase words and wildcards in one query. */
    public static final int MAX_TERMS = 16;
    /** Parentheses inside parentheses. */
    public static final int MAX_DEPTH = 3;
    /** Largest phrase slop ({@code "a b"~5}). */
    public static final int MAX_SLOP = 10;
    /** Characters a trailing wildcard needs before the {@code *}. */
    public static final int MIN_PREFIX = 3;

    /** Lucene parsers are not thread-safe but can parse one query after another: one per thread. */
    private static final ThreadLocal<Parser> PARSERS = ThreadLocal.withInitial(Parser::new);
    private static final Pattern LEXICAL_COLUMN = Pattern.compile("line \\d+, column (\\d+)");
    private static final Pattern WHITESPACE = Pattern.compile("\\s");

    public TopicQuery parse(String text) {
        if (text == null || text.isBlank()) {
            throw new InvalidTopicQueryException("the query is empty", 1);
        }
        if (text.length() > MAX_LENGTH) {
            throw new InvalidTopicQueryException(
                    "the query is longer than " + MAX_LENGTH + " characters", MAX_LENGTH + 1);
        }
        // One line, every character in its place: positions stay those of the text as given.
        String line = WHITESPACE.matcher(text).replaceAll(" ");
        List<Token> tokens = tokens(line);
        checkTokens(tokens);

        Parser parser = PARSERS.get();
        parser.reset(tokens);
        Query query;
        try {
            query = parser.parse(line);
        } catch (ParseException e) {
            throw syntaxError(e, tokens);
        } catch (IndexSearcher.TooManyClauses e) {
            throw new InvalidTopicQueryException("the query has too many words", 1);
        }
        if (query == null || query instanceof MatchNoDocsQuery
                || (query instanceof BooleanQuery bq && bq.clauses().isEmpty())) {
            throw new InvalidTopicQueryException(
                    "the query has no words to search for (common words such as \"the\" or \"of\" are ignored)", 1);
        }
        checkNotOnlyNegative(query, tokens);
        return new TopicQuery(line.strip(), canonical(query), query);
    }

    // ---------------------------------------------------------------------------------------------------------
    // Lexical checks: Lucene's own lexer, so positions are exact.

    private static List<Token> tokens(String line) {
        QueryParserTokenManager lexer = new QueryParserTokenManager(new FastCharStream(new StringReader(line)));
        List<Token> tokens = new ArrayList<>();
        try {
            for (Token t = lexer.getNextToken(); t.kind != QueryParserConstants.EOF; t = lexer.getNextToken()) {
                tokens.add(t);
            }
        } catch (TokenMgrError e) {
            throw lexicalError(e, line);
        }
        return tokens;
    }

    private static InvalidTopicQueryException lexicalError(TokenMgrError e, String line) {
        Matcher column = LEXICAL_COLUMN.matcher(String.valueOf(e.getMessage()));
        int at = column.find() ? Math.min(Integer.parseInt(column.group(1)), line.length()) : line.length();
        if (e.getMessage() != null && e.getMessage().contains("<EOF>")) {
            // The lexer ran off the end inside something opened earlier: point at its opening character.
            int quote = line.lastIndexOf('"');
            int slash = line.lastIndexOf('/');
            int open = Math.max(quote, slash);
            if (open >= 0) {
                char c = line.charAt(open);
                return new InvalidTopicQueryException(c == '"'
                        ? "the quote opened here is never closed"
                        : "'/' starts a regular expression, which is not supported; put the words in quotes",
                        open + 1);
            }
            return new InvalidTopicQueryException("the query ends in the middle of something (a trailing '\\'?)",
                    Math.max(1, line.length()));
        }
        return new InvalidTopicQueryException("this character cannot be used here; put the words in quotes",
                Math.max(1, at));
    }

    private static void checkTokens(List<Token> tokens) {
        int depth = 0;
        int terms = 0;
        for (int i = 0; i < tokens.size(); i++) {
            Token t = tokens.get(i);
            Token next = i + 1 < tokens.size() ? tokens.get(i + 1) : null;
            int at = t.beginColumn + 1;
            boolean isField = next != null && next.kind == QueryParserConstants.COLON;
            switch (t.kind) {
                case QueryParserConstants.LPAREN -> {
                    if (++depth > MAX_DEPTH) {
                        throw new InvalidTopicQueryException(
                                "parentheses are nested more than " + MAX_DEPTH + " deep", at);
                    }
                }
                case QueryParserConstants.RPAREN -> depth--;
                case QueryParserConstants.TERM -> {
                    if (isField) {
                        String field = t.image.toLowerCase(Locale.ROOT);
                        if (!PaperFields.SCOPES.contains(field)) {
                            throw new InvalidTopicQueryException("unknown field '" + t.image
                                    + ":' (use title:, abstract:, author: or category:; to search for a word"
                                    + " with a colon, put it in quotes)", at);
                        }
                    } else {
                        terms++;
                    }
                }
                case QueryParserConstants.NUMBER, QueryParserConstants.BAREOPER -> terms++;
                case QueryParserConstants.QUOTED -> terms += t.image.strip().split("\\s+").length;
                case QueryParserConstants.PREFIXTERM -> {
                    terms++;
                    String prefix = t.image.substring(0, t.image.length() - 1).replace("\\", "");
                    if (prefix.codePointCount(0, prefix.length()) < MIN_PREFIX) {
                        throw new InvalidTopicQueryException("a wildcard needs at least " + MIN_PREFIX
                                + " characters before the '*' (e.g. transform*, category:cs.*)", at);
                    }
                }
                case QueryParserConstants.WILDTERM -> {
                    char first = t.image.charAt(0);
                    if (first == '*' || first == '?') {
                        throw new InvalidTopicQueryException("a word cannot start with a wildcard; "
                                + "a '*' is only allowed at the end of a word (e.g. transform*)", at);
                    }
                    int offset = Math.max(t.image.indexOf('?'), 0);
                    int star = t.image.indexOf('*');
                    if (offset == 0 || (star >= 0 && star < offset)) {
                        offset = star;
                    }
                    throw new InvalidTopicQueryException(t.image.indexOf('?') >= 0 && t.image.indexOf('?') == offset
                            ? "'?' is not supported; only a '*' at the end of a word (e.g. transform*)"
                            : "a '*' is only allowed at the end of a word (e.g. transform*)", at + offset);
                }
                case QueryParserConstants.STAR -> throw new InvalidTopicQueryException(
                        "a lone '*' is not a word; a '*' is only allowed at the end of a word (e.g. transform*)", at);
                case QueryParserConstants.REGEXPTERM -> throw new InvalidTopicQueryException(
                        "'/' starts a regular expression, which is not supported; put the words in quotes", at);
                case QueryParserConstants.RANGEIN_START, QueryParserConstants.RANGEEX_START ->
                        throw new InvalidTopicQueryException(
                                "ranges ([a TO b]) are not supported; put the words in quotes", at);
                case QueryParserConstants.CARAT -> throw new InvalidTopicQueryException(
                        "boosts ('^') are not supported; put the words in quotes if the '^' belongs to them", at);
                case QueryParserConstants.FUZZY_SLOP -> checkSlop(tokens, i, t, at);
                default -> {
                }
            }
            if (terms > MAX_TERMS) {
                throw new InvalidTopicQueryException("the query has more than " + MAX_TERMS + " words", at);
            }
        }
    }

    private static void checkSlop(List<Token> tokens, int i, Token slop, int at) {
        if (i == 0 || tokens.get(i - 1).kind != QueryParserConstants.QUOTED) {
            throw new InvalidTopicQueryException(
                    "fuzzy matching ('~' after a word) is not supported; use a trailing '*' or OR", at);
        }
        String digits = slop.image.substring(1);
        float value;
        try {
            value = digits.isEmpty() ? 2 : Float.parseFloat(digits);
        } catch (NumberFormatException e) {
            throw new InvalidTopicQueryException("'~' after a phrase needs a whole number (e.g. \"a b\"~3)", at);
        }
        if (value != Math.floor(value) || value < 0 || value > MAX_SLOP) {
            throw new InvalidTopicQueryException(
                    "'~' after a phrase needs a whole number from 0 to " + MAX_SLOP, at);
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    // Syntax errors from the parser.

    private static InvalidTopicQueryException syntaxError(ParseException wrapped, List<Token> tokens) {
        Throwable cause = wrapped.getCause();
        if (cause instanceof ParseException e && e.currentToken != null && e.currentToken.next != null) {
            Token bad = e.currentToken.next;
            Token last = tokens.isEmpty() ? null : tokens.get(tokens.size() - 1);
            if (bad.kind == QueryParserConstants.EOF) {
                int at = last == null ? 1 : last.beginColumn + 1;
                long open = tokens.stream().filter(t -> t.kind == QueryParserConstants.LPAREN).count();
                long closed = tokens.stream().filter(t -> t.kind == QueryParserConstants.RPAREN).count();
                if (open > closed) {
                    Token unclosed = unclosedParenthesis(tokens);
                    return new InvalidTopicQueryException("the parenthesis opened here is never closed",
                            unclosed.beginColumn + 1);
                }
                return new InvalidTopicQueryException("the query ends too early after '" + last.image + "'", at);
            }
            String what = switch (bad.kind) {
                case QueryParserConstants.RPAREN -> "')' closes nothing here";
                case QueryParserConstants.AND, QueryParserConstants.OR, QueryParserConstants.NOT ->
                        "'" + bad.image + "' needs words on both sides";
                case QueryParserConstants.COLON -> "':' must follow a field name (title, abstract, author, category);"
                        + " put the words in quotes if the colon belongs to them";
                default -> "unexpected '" + bad.image + "'";
            };
            return new InvalidTopicQueryException(what, bad.beginColumn + 1);
        }
        return new InvalidTopicQueryException("the query cannot be read", 1);
    }

    private static Token unclosedParenthesis(List<Token> tokens) {
        List<Token> open = new ArrayList<>();
        for (Token t : tokens) {
            if (t.kind == QueryParserConstants.LPAREN) {
                open.add(t);
            } else if (t.kind == QueryParserConstants.RPAREN && !open.isEmpty()) {
                open.remove(open.size() - 1);
            }
        }
        return open.isEmpty() ? tokens.get(0) : open.get(0);
    }

    // ---------------------------------------------------------------------------------------------------------
    // Checks on the parsed query.

    private static void checkNotOnlyNegative(Query query, List<Token> tokens) {
        if (query instanceof BooleanQuery bq) {
            boolean allNegative = !bq.clauses().isEmpty();
            for (BooleanClause clause : bq.clauses()) {
                allNegative &= clause.getOccur() == BooleanClause.Occur.MUST_NOT;
                checkNotOnlyNegative(clause.getQuery(), tokens);
            }
            if (allNegative) {
                throw onlyNegative(firstNegation(tokens, 0, tokens.size()));
            }
        }
    }

    private static InvalidTopicQueryException onlyNegative(int at) {
        return new InvalidTopicQueryException("a query (or a part in parentheses) cannot only exclude words;"
                + " say what to look for too (e.g. diffusion -MRI)", at);
    }

    /** 1-based position of the first NOT or '-' among tokens[from, to) outside nested parentheses. */
    private static int firstNegation(List<Token> tokens, int from, int to) {
        int depth = 0;
        for (int i = from; i < to; i++) {
            Token t = tokens.get(i);
            if (t.kind == QueryParserConstants.LPAREN) {
                depth++;
            } else if (t.kind == QueryParserConstants.RPAREN) {
                depth--;
            } else if (depth == 0 && (t.kind == QueryParserConstants.NOT || t.kind == QueryParserConstants.MINUS)) {
                return t.beginColumn + 1;
            }
        }
        return from < tokens.size() ? tokens.get(from).beginColumn + 1 : 1;
    }

    // ---------------------------------------------------------------------------------------------------------
    // Normalization.

    /**
     * A canonical text of the query: clauses of each boolean query sorted and deduplicated, single-clause groups
     * unwrapped, nested conjunctions (and disjunctions) merged into their parents. Equal for queries that match
     * the same papers in the same way ("Transformers" and "transformer", "A B" and "b a", case and spacing), and
     * a pure function of the query text, so it is the same in every JVM.
     */
    static String canonical(Query query) {
        if (query instanceof BooleanQuery bq) {
            List<BooleanClause> clauses = flatten(bq);
            if (clauses.size() == 1 && clauses.get(0).getOccur() != BooleanClause.Occur.MUST_NOT) {
                return canonical(clauses.get(0).getQuery());
            }
            TreeSet<String> parts = new TreeSet<>();
            for (BooleanClause clause : clauses) {
                String prefix = switch (clause.getOccur()) {
                    case MUST, FILTER -> "+";
                    case MUST_NOT -> "-";
                    case SHOULD -> "";
                };
                parts.add(prefix + canonical(clause.getQuery()));
            }
            return "(" + String.join(" ", parts) + ")";
        }
        if (query instanceof TermQuery tq) {
            return term(tq.getTerm());
        }
        if (query instanceof PrefixQuery pq) {
            return term(pq.getPrefix()) + "*";
        }
        if (query instanceof PhraseQuery pq) {
            StringBuilder phrase = new StringBuilder(pq.getField()).append(":\"");
            Term[] terms = pq.getTerms();
            int[] positions = pq.getPositions();
            for (int i = 0; i < terms.length; i++) {
                if (i > 0) {
                    // A word the analyzer dropped (a stop word) still takes its place: "graph _ thought".
                    phrase.append(' ').append("_ ".repeat(Math.max(0, positions[i] - positions[i - 1] - 1)));
                }
                phrase.append(QueryParser.escape(terms[i].text()));
            }
            phrase.append('"');
            if (pq.getSlop() > 0) {
                phrase.append('~').append(pq.getSlop());
            }
            return phrase.toString();
        }
        return query.toString();
    }

    /** The clauses of a boolean query with single-clause and same-kind nested groups merged into it. */
    private static List<BooleanClause> flatten(BooleanQuery bq) {
        boolean disjunction = bq.getMinimumNumberShouldMatch() == 0 && allShould(bq.clauses());
        List<BooleanClause> out = new ArrayList<>();
        for (BooleanClause clause : bq.clauses()) {
            Query sub = clause.getQuery();
            BooleanClause.Occur occur = clause.getOccur();
            if (sub instanceof BooleanQuery child && child.getMinimumNumberShouldMatch() == 0) {
                List<BooleanClause> inner = flatten(child);
                boolean innerConjunction = noShould(inner);
                boolean innerDisjunction = allShould(inner);
                if (inner.size() == 1 && inner.get(0).getOccur() != BooleanClause.Occur.MUST_NOT) {
                    out.add(new BooleanClause(inner.get(0).getQuery(), occur));
                    continue;
                }
                if ((occur == BooleanClause.Occur.MUST && innerConjunction)
                        || (occur == BooleanClause.Occur.SHOULD && disjunction && innerDisjunction)) {
                    out.addAll(inner);
                    continue;
                }
            }
            out.add(clause);
        }
        return out;
    }

    private static boolean allShould(List<BooleanClause> clauses) {
        for (BooleanClause clause : clauses) {
            if (clause.getOccur() != BooleanClause.Occur.SHOULD) {
                return false;
            }
        }
        return true;
    }

    private static boolean noShould(List<BooleanClause> clauses) {
        for (BooleanClause clause : clauses) {
            if (clause.getOccur() == BooleanClause.Occur.SHOULD) {
                return false;
            }
        }
        return true;
    }

    private static String term(Term term) {
        return term.field() + ":" + QueryParser.escape(term.text());
    }

    // ---------------------------------------------------------------------------------------------------------

    /** Lucene's classic parser with fields routed, wildcards moved to unstemmed fields and groups checked. */
    private static final class Parser extends QueryParser {

        // QueryParserBase's CONJ_OR and MOD_NOT: package-private there, fixed by its generated grammar.
        private static final int CONJ_OR = 2;
        private static final int MOD_NOT = 10;

        private List<Token> tokens = List.of();
        private final Map<Integer, Integer> indexByColumn = new HashMap<>();
        /** Per clause list (one per group): [clauses seen, AND seen, OR seen, negation seen]. */
        private final Map<List<BooleanClause>, int[]> groups = new IdentityHashMap<>();

        /** Prepares for the next query, whose tokens these are. */
        void reset(List<Token> tokens) {
            this.tokens = tokens;
            indexByColumn.clear();
            groups.clear();
            for (int i = 0; i < tokens.size(); i++) {
                indexByColumn.put(tokens.get(i).beginColumn, i);
            }
        }

        Parser() {
            super(PaperFields.TEXT, PaperFields.analyzer());
            setDefaultOperator(AND_OPERATOR);
            // Words split at spaces first, then each analyzed: "GPT-4" is the phrase "gpt 4", not gpt AND 4.
            setSplitOnWhitespace(true);
            setAutoGeneratePhraseQueries(true);
            setAllowLeadingWildcard(false);
        }

        @Override
        protected Query getFieldQuery(String field, String queryText, boolean quoted) throws ParseException {
            return super.getFieldQuery(route(field), queryText, quoted);
        }

        @Override
        protected Query getFieldQuery(String field, String queryText, int slop) throws ParseException {
            return super.getFieldQuery(route(field), queryText, slop);
        }

        @Override
        protected Query getPrefixQuery(String field, String termStr) throws ParseException {
            String routed = switch (route(field)) {
                case PaperFields.TITLE -> PaperFields.TITLE_EXACT;
                case PaperFields.ABSTRACT -> PaperFields.ABSTRACT_EXACT;
                case PaperFields.TEXT -> PaperFields.TEXT_EXACT;
                default -> route(field);
            };
            return super.getPrefixQuery(routed, termStr);
        }

        // Refused before parsing (see checkTokens); kept refused here should the lexer ever let one through.
        @Override
        protected Query getWildcardQuery(String field, String termStr) {
            throw new InvalidTopicQueryException("a '*' is only allowed at the end of a word (e.g. transform*)",
                    currentPosition());
        }

        @Override
        protected Query getFuzzyQuery(String field, String termStr, float minSimilarity) {
            throw new InvalidTopicQueryException(
                    "fuzzy matching ('~' after a word) is not supported; use a trailing '*' or OR", currentPosition());
        }

        @Override
        protected Query getRegexpQuery(String field, String termStr) {
            throw new InvalidTopicQueryException(
                    "'/' starts a regular expression, which is not supported; put the words in quotes",
                    currentPosition());
        }

        @Override
        protected Query getRangeQuery(String field, String part1, String part2, boolean startInclusive,
                boolean endInclusive) {
            throw new InvalidTopicQueryException("ranges ([a TO b]) are not supported; put the words in quotes",
                    currentPosition());
        }

        @Override
        protected void addClause(List<BooleanClause> clauses, int conj, int mods, Query q) {
            int[] group = groups.computeIfAbsent(clauses, k -> new int[4]);
            if (group[0] > 0) {
                group[conj == CONJ_OR ? 2 : 1] = 1;
            }
            if (mods == MOD_NOT) {
                group[3] = 1;
            }
            group[0]++;
            if (group[2] == 1 && (group[1] == 1 || group[3] == 1)) {
                throw new InvalidTopicQueryException(group[3] == 1
                        ? "OR cannot be combined with an exclusion in one group; add parentheses,"
                                + " e.g. (diffusion OR flow) -MRI"
                        : "OR cannot be combined with AND (or words side by side) in one group; add parentheses,"
                                + " e.g. (graph neural) OR transformer", firstOr());
            }
            super.addClause(clauses, conj, mods, q);
        }

        @Override
        protected Query getBooleanQuery(List<BooleanClause> clauses) throws ParseException {
            groups.remove(clauses);
            if (!clauses.isEmpty()
                    && clauses.stream().allMatch(c -> c.getOccur() == BooleanClause.Occur.MUST_NOT)) {
                int end = currentIndex() + 1;
                throw onlyNegative(firstNegation(tokens, groupStart(end), end));
            }
            return super.getBooleanQuery(clauses);
        }

        private String route(String field) {
            if (field == null || field.equals(PaperFields.TEXT)) {
                return PaperFields.TEXT;
            }
            String scope = field.toLowerCase(Locale.ROOT);
            if (!PaperFields.SCOPES.contains(scope)) {
                // checkTokens refuses these with the field's position; this is the last guard.
                throw new InvalidTopicQueryException("unknown field '" + field + ":'", currentPosition());
            }
            return scope;
        }

        /** Index in {@link #tokens} of the token the parser consumed last. */
        private int currentIndex() {
            return token == null ? 0 : indexByColumn.getOrDefault(token.beginColumn, 0);
        }

        private int currentPosition() {
            return tokens.isEmpty() ? 1 : tokens.get(currentIndex()).beginColumn + 1;
        }

        /** Index of the first token of the group that holds the token before {@code end}. */
        private int groupStart(int end) {
            int depth = 0;
            for (int i = end - 1; i >= 0; i--) {
                int kind = tokens.get(i).kind;
                if (kind == QueryParserConstants.RPAREN) {
                    depth++;
                } else if (kind == QueryParserConstants.LPAREN) {
                    if (depth == 0) {
                        return i + 1;
                    }
                    depth--;
                }
            }
            return 0;
        }

        /** Position of the first OR of the group being parsed. */
        private int firstOr() {
            int end = currentIndex() + 1;
            int depth = 0;
            for (int i = groupStart(end); i < end; i++) {
                Token t = tokens.get(i);
                if (t.kind == QueryParserConstants.LPAREN) {
                    depth++;
                } else if (t.kind == QueryParserConstants.RPAREN) {
                    depth--;
                } else if (depth == 0 && t.kind == QueryParserConstants.OR) {
                    return t.beginColumn + 1;
                }
            }
            return currentPosition();
        }
    }
}
