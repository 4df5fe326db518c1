package dev.paperdigest.ingest.source.huggingface;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import dev.paperdigest.ingest.paper.ArxivId;
import dev.paperdigest.ingest.paper.PaperLinks;
import dev.paperdigest.ingest.paper.NormalizedPaper;
import dev.paperdigest.ingest.paper.AuthorNameNormalizer;
import dev.paperdigest.ingest.source.FeedException;
import dev.paperdigest.ingest.source.InvalidEntryException;
import dev.paperdigest.ingest.source.ParsedFeed;
import dev.paperdigest.ingest.paper.TextNormalizer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Parses Hugging Face's {@code GET /api/daily_papers?date=YYYY-MM-DD}: a JSON array of entries, each with a
 * {@code paper} object.
 *
 * <p>Read as a tree, field by field, because the format changes between years (2024 has {@code mediaUrl},
 * 2025 {@code thumbnail}, {@code ai_summary}, {@code githubRepo}...): unknown fields are ignored, missing
 * optional ones tolerated. The {@code paper} object's fields win over the entry's copies: the entry's
 * {@code title} may be a TeX-formatted variant and its {@code publishedAt} is when the paper was featured,
 * not when it appeared on arXiv.
 *
 * <p>Authors whose {@code hidden} flag is set are kept: the flag is about the author's Hugging Face profile,
 * not about authorship, and dropping them would make the list disagree with arXiv's byline.
 *
 * <p>Hugging Face gives no version ({@code version} null), no categories, but upvotes. Stateless, thread-safe.
 */
public final class HuggingFaceDailyPapersParser {

    public static final String SOURCE = "huggingface";

    private final ObjectReader reader;

    public HuggingFaceDailyPapersParser() {
        this(new ObjectMapper());
    }

    /** Uses the application's mapper (Quarkus' configured one), made strict about trailing garbage. */
    public HuggingFaceDailyPapersParser(ObjectMapper mapper) {
        this.reader = mapper.reader().with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    }

    public ParsedFeed parse(byte[] body) {
        try {
            return toFeed(reader.readTree(body));
        } catch (IOException e) {
            throw malformed(e);
        }
    }

    /** A body held as text (hand-made feeds). */
    public ParsedFeed parse(String body) {
        return parse(body.getBytes(StandardCharsets.UTF_8));
    }

    private static FeedException malformed(IOException e) {
        String detail = e instanceof JsonProcessingException json ? json.getOriginalMessage() : e.getMessage();
        String where = e instanceof JsonProcessingException json && json.getLocation() != null
                ? " at line " + json.getLocation().getLineNr() + ", column " + json.getLocation().getColumnNr()
                : "";
        return new FeedException(SOURCE, "malformed JSON" + where + ": " + detail, e);
    }

    private ParsedFeed toFeed(JsonNode root) {
        if (root == null || root.isMissingNode()) {
            throw new FeedException(SOURCE, "empty body where a JSON array was expected");
        }
        if (!root.isArray()) {
            // Hugging Face answers errors as {"error": "..."}: pass its words on.
            String error = root.path("error").isTextual() ? ": " + root.path("error").asText() : "";
            throw new FeedException(SOURCE, "expected a JSON array of daily papers, got "
                    + root.getNodeType().toString().toLowerCase(Locale.ROOT) + error);
        }
        List<JsonNode> entries = new ArrayList<>(root.size());
        root.forEach(entries::add);
        return ParsedFeed.read(entries, this::toPaper, entry -> text(entry.path("paper"), "id"));
    }

    private NormalizedPaper toPaper(JsonNode entry) throws InvalidEntryException {
        JsonNode paper = entry.path("paper");
        if (!paper.isObject()) {
            throw new InvalidEntryException("entry without a paper object");
        }
        String rawId = text(paper, "id");
        if (rawId == null) {
            throw new InvalidEntryException("paper without id");
        }
        ArxivId id = ArxivId.tryParse(rawId)
                .orElseThrow(() -> new InvalidEntryException("paper.id is not an arXiv id"));
        String title = TextNormalizer.normalizeToNull(firstText(paper, entry, "title"));
        if (title == null) {
            throw new InvalidEntryException("paper without title");
        }
        String abstractText = TextNormalizer.normalizeToNull(firstText(paper, entry, "summary"));
        Instant publishedAt = instant(firstText(paper, entry, "publishedAt"));
        JsonNode upvotes = paper.path("upvotes");

        return new NormalizedPaper(id.id(), id.version(), title, abstractText, authors(paper), List.of(), null,
                publishedAt, PaperLinks.arxiv(id).withHuggingFacePage(id),
                upvotes.isIntegralNumber() && upvotes.canConvertToInt() ? upvotes.intValue() : null,
                List.of(SOURCE), null);
    }

    private static List<String> authors(JsonNode paper) {
        List<String> names = new ArrayList<>();
        paper.path("authors").forEach(author -> names.add(text(author, "name")));
        return AuthorNameNormalizer.normalizeAll(names);
    }

    private static Instant instant(String text) throws InvalidEntryException {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(text.strip());
        } catch (DateTimeParseException e) {
            throw new InvalidEntryException("unreadable publishedAt '" + text.strip() + "'");
        }
    }

    /** The paper object's field, else the entry's copy of it (older formats had only one of them). */
    private static String firstText(JsonNode paper, JsonNode entry, String field) {
        String value = text(paper, field);
        return value != null ? value : text(entry, field);
    }

    /** A string field, or null when missing, null or not a string (a numeric id would have lost digits). */
    private static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isTextual() ? value.asText() : null;
    }
}
