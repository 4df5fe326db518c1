package dev.paperdigest.ingest.source.arxiv;

import dev.paperdigest.ingest.paper.AnnounceType;
import dev.paperdigest.ingest.paper.ArxivId;
import dev.paperdigest.ingest.paper.PaperLinks;
import dev.paperdigest.ingest.paper.NormalizedPaper;
import dev.paperdigest.ingest.source.FeedException;
import dev.paperdigest.ingest.source.FeedXmlReader;
import dev.paperdigest.ingest.source.InvalidEntryException;
import dev.paperdigest.ingest.source.ParsedFeed;
import dev.paperdigest.ingest.paper.TextNormalizer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.xml.stream.XMLStreamException;

/**
 * Parses arXiv's announcement feed ({@code rss.arxiv.org/rss/cs.LG+...}): RSS 2.0 with the {@code arxiv:} namespace.
 *
 * <ul>
 *   <li>Every item becomes a paper carrying its {@link AnnounceType}; replace / replace-cross items are new
 *       versions ({@link NormalizedPaper#isRevision()}), which the caller records but never announces.</li>
 *   <li>The error channel arXiv answers for a bad archive name is a {@link FeedException} with its message;
 *       a channel without items is a normal day with zero papers.</li>
 *   <li>Primary category = the first {@code <category>}: arXiv lists the primary first (the recorded feed
 *       has cs.LG before cs.AI, which is not alphabetical).</li>
 * </ul>
 * Stateless and thread-safe.
 */
public final class ArxivRssParser {

    public static final String SOURCE = "arxiv-rss";

    private static final String ARXIV_NS = "http://arxiv.org/schemas/atom";
    private static final String DC_NS = "http://purl.org/dc/elements/1.1/";

    // arXiv's error channel is an ordinary channel titled "Feed error for query: ...", its description the reason.
    private static final Pattern ERROR_TITLE = Pattern.compile("(?i)^\\s*feed error\\b");
    // The description starts "arXiv:2604.21952v1 Announce Type: new \nAbstract: ...".
    private static final Pattern DESCRIPTION_HEADER =
            Pattern.compile("^\\s*arXiv:(\\S+)\\s+Announce Type:\\s*(\\S+)\\s*");
    private static final Pattern ABSTRACT_LABEL = Pattern.compile("^Abstract:\\s*");
    // Before 2024 the title ended in "(arXiv:2312.01234v1 [cs.LG])"; the id has its own element.
    private static final Pattern LEGACY_TITLE_SUFFIX = Pattern.compile("\\s*\\(arXiv:[^)]*\\)\\s*$");

    /** Parses a response body as received; the XML declaration decides its encoding. */
    public ParsedFeed parse(byte[] body) {
        try (FeedXmlReader xml = FeedXmlReader.open(body)) {
            return parse(xml);
        } catch (XMLStreamException e) {
            throw FeedException.malformedXml(SOURCE, e);
        }
    }

    /** A body held as text (hand-made feeds), read as UTF-8. */
    public ParsedFeed parse(String body) {
        return parse(body.getBytes(StandardCharsets.UTF_8));
    }

    private ParsedFeed parse(FeedXmlReader xml) throws XMLStreamException {
        xml.moveToRoot();
        if (!xml.is("", "rss")) {
            throw new FeedException(SOURCE, "not an RSS document: root element " + xml.qualifiedName());
        }
        Channel channel = null;
        while (xml.nextChild()) {
            if (channel == null && xml.is("", "channel")) {
                channel = readChannel(xml);
            } else {
                xml.skip();
            }
        }
        xml.finish();
        if (channel == null) {
            throw new FeedException(SOURCE, "RSS document without <channel>");
        }
        if (channel.title != null && ERROR_TITLE.matcher(channel.title).find()) {
            String reason = TextNormalizer.normalizeToNull(channel.description);
            throw new FeedException(SOURCE, "arXiv RSS error: " + (reason == null ? channel.title.strip() : reason));
        }
        String channelPubDate = channel.pubDate;
        return ParsedFeed.read(channel.items, item -> toPaper(item, channelPubDate), Item::rawId);
    }

    private Channel readChannel(FeedXmlReader xml) throws XMLStreamException {
        Channel channel = new Channel();
        while (xml.nextChild()) {
            if (xml.is("", "item")) {
                channel.items.add(readItem(xml));
            } else if (xml.is("", "title")) {
                channel.title = xml.text();
            } else if (xml.is("", "description")) {
                channel.description = xml.text();
            } else if (xml.is("", "pubDate")) {
                channel.pubDate = xml.text();
            } else {
                xml.skip();
            }
        }
        return channel;
    }

    private Item readItem(FeedXmlReader xml) throws XMLStreamException {
        Item item = new Item();
        while (xml.nextChild()) {
            if (xml.is("", "title")) {
                item.title = xml.text();
            } else if (xml.is("", "link")) {
                item.link = xml.text();
            } else if (xml.is("", "description")) {
                item.description = xml.text();
            } else if (xml.is("", "guid")) {
                item.guid = xml.text();
            } else if (xml.is("", "category")) {
                item.categories.add(xml.text());
            } else if (xml.is("", "pubDate")) {
                item.pubDate = xml.text();
            } else if (xml.is(ARXIV_NS, "announce_type")) {
                item.announceType = xml.text();
            } else if (xml.is(DC_NS, "creator")) {
                item.creators.add(xml.text());
            } else {
                xml.skip();
            }
        }
        return item;
    }

    private NormalizedPaper toPaper(Item item, String channelPubDate) throws InvalidEntryException {
        String description = item.description == null ? "" : item.description;
        Matcher header = DESCRIPTION_HEADER.matcher(description);
        boolean hasHeader = header.find();

        ArxivId id = Stream.of(item.guid, hasHeader ? header.group(1) : null, item.link)
                .map(ArxivId::fromFeed)
                .flatMap(Optional::stream)
                .findFirst()
                .orElseThrow(() -> new InvalidEntryException("no arXiv id in guid, description or link"));

        String rawType = item.announceType != null ? item.announceType : hasHeader ? header.group(2) : null;
        if (rawType == null) {
            throw new InvalidEntryException("no announce type");
        }
        AnnounceType announceType = AnnounceType.fromFeedValue(rawType)
                .orElseThrow(() -> new InvalidEntryException("unknown announce type '" + rawType.strip() + "'"));

        String title = TextNormalizer.normalizeToNull(
                item.title == null ? null : LEGACY_TITLE_SUFFIX.matcher(item.title).replaceFirst(""));
        if (title == null) {
            throw new InvalidEntryException("no title");
        }
        String body = hasHeader ? description.substring(header.end()) : description;
        String abstractText = TextNormalizer.normalizeToNull(ABSTRACT_LABEL.matcher(body.strip()).replaceFirst(""));

        List<String> authors = new ArrayList<>();
        item.creators.forEach(creators -> authors.addAll(CreatorListSplitter.split(creators)));

        // arXiv lists the primary category first.
        List<String> categories = ArxivCategories.primaryFirst(null, item.categories);
        String primaryCategory = categories.isEmpty() ? null : categories.get(0);

        Instant publishedAt = rfc1123(item.pubDate != null ? item.pubDate : channelPubDate);

        return new NormalizedPaper(id.id(), id.version(), title, abstractText, authors, categories,
                primaryCategory, publishedAt, PaperLinks.arxiv(id), null, List.of(SOURCE), announceType);
    }

    private static Instant rfc1123(String date) throws InvalidEntryException {
        if (date == null || date.isBlank()) {
            return null;
        }
        try {
            return ZonedDateTime.parse(date.strip(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        } catch (DateTimeParseException e) {
            throw new InvalidEntryException("unreadable pubDate '" + date.strip() + "'");
        }
    }

    private static final class Channel {
        String title;
        String description;
        String pubDate;
        final List<Item> items = new ArrayList<>();
    }

    private static final class Item {
        String title;
        String link;
        String description;
        String guid;
        String pubDate;
        String announceType;
        final List<String> categories = new ArrayList<>();
        final List<String> creators = new ArrayList<>();

        String rawId() {
            return guid != null ? guid.strip() : link != null ? link.strip() : null;
        }
    }
}
