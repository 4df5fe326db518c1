package dev.paperdigest.ingest.source.arxiv;

import dev.paperdigest.ingest.paper.ArxivId;
import dev.paperdigest.ingest.paper.PaperLinks;
import dev.paperdigest.ingest.paper.NormalizedPaper;
import dev.paperdigest.ingest.paper.AuthorNameNormalizer;
import dev.paperdigest.ingest.source.FeedException;
import dev.paperdigest.ingest.source.FeedResponse;
import dev.paperdigest.ingest.source.FeedXmlReader;
import dev.paperdigest.ingest.source.InvalidEntryException;
import dev.paperdigest.ingest.source.ParsedFeed;
import dev.paperdigest.ingest.paper.TextNormalizer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import javax.xml.stream.XMLStreamException;

/**
 * Parses an arXiv API answer ({@code /api/query?...}): an Atom feed with {@code arxiv:} and {@code opensearch:}
 * extensions.
 *
 * <p>arXiv reports a bad query as HTTP 400 whose body is a valid Atom feed with one entry titled "Error" and
 * the reason as its summary. That is a {@link FeedException} carrying the reason, whatever the status, and so
 * is any non-2xx answer: an error never becomes a paper. A feed with no entries is a normal, empty page.
 * Stateless and thread-safe.
 */
public final class ArxivApiParser {

    public static final String SOURCE = "arxiv-api";

    private static final String ATOM_NS = "http://www.w3.org/2005/Atom";
    private static final String ARXIV_NS = "http://arxiv.org/schemas/atom";
    private static final String OPENSEARCH_NS = "http://a9.com/-/spec/opensearch/1.1/";
    private static final String ERROR_ID_MARKER = "arxiv.org/api/errors";

    /** Parses a body received with HTTP 200. */
    public ArxivApiPage parse(byte[] body) {
        return parse(200, body);
    }

    /** Parses a body with the HTTP status it came with: arXiv's errors are only recognisable with both. */
    public ArxivApiPage parse(int httpStatus, byte[] body) {
        try (FeedXmlReader xml = FeedXmlReader.open(body)) {
            return parse(httpStatus, xml);
        } catch (XMLStreamException e) {
            throw unreadable(httpStatus, e);
        }
    }

    /** A body held as text (hand-made or unwrapped from a recording), read as UTF-8. */
    public ArxivApiPage parse(int httpStatus, String body) {
        return parse(httpStatus, body.getBytes(StandardCharsets.UTF_8));
    }

    private static FeedException unreadable(int httpStatus, XMLStreamException e) {
        if (FeedResponse.isSuccess(httpStatus)) {
            return FeedException.malformedXml(SOURCE, e);
        }
        return new FeedException(SOURCE, "HTTP " + httpStatus + " with a body that is not an Atom feed", e);
    }

    private ArxivApiPage parse(int httpStatus, FeedXmlReader xml) throws XMLStreamException {
        xml.moveToRoot();
        if (!xml.is(ATOM_NS, "feed")) {
            if (!FeedResponse.isSuccess(httpStatus)) {
                throw new FeedException(SOURCE, "HTTP " + httpStatus + " with a body that is not an Atom feed");
            }
            throw new FeedException(SOURCE, "not an Atom feed: root element " + xml.qualifiedName());
        }
        List<Entry> entries = new ArrayList<>();
        String totalResults = null;
        String startIndex = null;
        String itemsPerPage = null;
        while (xml.nextChild()) {
            if (xml.is(ATOM_NS, "entry")) {
                entries.add(readEntry(xml));
            } else if (xml.is(OPENSEARCH_NS, "totalResults")) {
                totalResults = xml.text();
            } else if (xml.is(OPENSEARCH_NS, "startIndex")) {
                startIndex = xml.text();
            } else if (xml.is(OPENSEARCH_NS, "itemsPerPage")) {
                itemsPerPage = xml.text();
            } else {
                xml.skip();
            }
        }
        xml.finish();

        for (Entry entry : entries) {
            // Under a non-2xx status the "Error" title alone suffices; under 200 the error id must confirm it.
            if (entry.isTitledError() && (entry.hasErrorId() || !FeedResponse.isSuccess(httpStatus))) {
                String reason = TextNormalizer.normalizeToNull(entry.summary);
                throw new FeedException(SOURCE, "arXiv API error (HTTP " + httpStatus + "): "
                        + (reason == null ? TextNormalizer.normalize(entry.id) : reason));
            }
        }
        if (!FeedResponse.isSuccess(httpStatus)) {
            throw new FeedException(SOURCE, "HTTP " + httpStatus + " without an error entry");
        }

        ParsedFeed feed = ParsedFeed.read(entries, this::toPaper,
                entry -> entry.id == null ? null : entry.id.strip());
        return new ArxivApiPage(feed,
                count(totalResults, "totalResults", feed.entryCount()),
                count(startIndex, "startIndex", 0),
                count(itemsPerPage, "itemsPerPage", feed.entryCount()));
    }

    private Entry readEntry(FeedXmlReader xml) throws XMLStreamException {
        Entry entry = new Entry();
        while (xml.nextChild()) {
            if (xml.is(ATOM_NS, "id")) {
                entry.id = xml.text();
            } else if (xml.is(ATOM_NS, "title")) {
                entry.title = xml.text();
            } else if (xml.is(ATOM_NS, "summary")) {
                entry.summary = xml.text();
            } else if (xml.is(ATOM_NS, "published")) {
                entry.published = xml.text();
            } else if (xml.is(ATOM_NS, "author")) {
                entry.authors.add(readAuthorName(xml));
            } else if (xml.is(ARXIV_NS, "primary_category")) {
                entry.primaryCategory = xml.attribute("term");
                xml.skip();
            } else if (xml.is(ATOM_NS, "category")) {
                entry.categories.add(xml.attribute("term"));
                xml.skip();
            } else {
                xml.skip();
            }
        }
        return entry;
    }

    private static String readAuthorName(FeedXmlReader xml) throws XMLStreamException {
        String name = null;
        while (xml.nextChild()) {
            if (xml.is(ATOM_NS, "name")) {
                name = xml.text();
            } else {
                xml.skip(); // arxiv:affiliation: names only, like the other sources
            }
        }
        return name;
    }

    private NormalizedPaper toPaper(Entry entry) throws InvalidEntryException {
        ArxivId id = ArxivId.fromFeed(entry.id)
                .orElseThrow(() -> new InvalidEntryException("no arXiv id in <id>"));
        String title = TextNormalizer.normalizeToNull(entry.title);
        if (title == null) {
            throw new InvalidEntryException("no title");
        }
        List<String> categories = ArxivCategories.primaryFirst(entry.primaryCategory, entry.categories);
        return new NormalizedPaper(id.id(), id.version(), title, TextNormalizer.normalizeToNull(entry.summary),
                AuthorNameNormalizer.normalizeAll(entry.authors), categories,
                categories.isEmpty() ? null : categories.get(0), iso8601(entry.published),
                PaperLinks.arxiv(id), null, List.of(SOURCE), null);
    }

    private static Instant iso8601(String date) throws InvalidEntryException {
        if (date == null || date.isBlank()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(date.strip()).toInstant();
        } catch (DateTimeParseException e) {
            throw new InvalidEntryException("unreadable published date '" + date.strip() + "'");
        }
    }

    private static int count(String text, String element, int fallback) {
        if (text == null || text.isBlank()) {
            return fallback;
        }
        try {
            return Integer.parseInt(text.strip());
        } catch (NumberFormatException e) {
            throw new FeedException(SOURCE, "opensearch:" + element + " is not a number: '" + text.strip() + "'");
        }
    }

    private static final class Entry {
        String id;
        String title;
        String summary;
        String published;
        String primaryCategory;
        final List<String> authors = new ArrayList<>();
        final List<String> categories = new ArrayList<>();

        boolean isTitledError() {
            return title != null && "Error".equals(title.strip());
        }

        /** arXiv's error ids live under arxiv.org/api/errors; a real paper's id is an abs URL. */
        boolean hasErrorId() {
            return id != null && id.contains(ERROR_ID_MARKER);
        }
    }
}
