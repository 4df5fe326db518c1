package dev.paperdigest.ingest.source.arxiv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.paperdigest.ingest.paper.AnnounceType;
import dev.paperdigest.ingest.paper.PaperLinks;
import dev.paperdigest.ingest.paper.NormalizedPaper;
import dev.paperdigest.ingest.source.FeedException;
import dev.paperdigest.ingest.source.ParsedFeed;
import dev.paperdigest.ingest.source.RecordedFeeds;
import dev.paperdigest.ingest.source.SkippedEntry;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class ArxivRssParserTest {

    private static final String CS_LG = "arxiv_rss/rss_cs.LG_2026-04-27_excerpt.xml";
    private static final String EMPTY = "arxiv_rss/rss_test-archive_empty_2024-11-28.xml";
    private static final String ERROR = "arxiv_rss/rss_error_bad-archive_2024-11-28.xml";
    private static final Instant ANNOUNCED = Instant.parse("2026-04-27T04:00:00Z"); // Mon, 27 Apr 2026 00:00 -0400

    private final ArxivRssParser parser = new ArxivRssParser();

    @Test
    void csLg_threeNewPapers() {
        ParsedFeed feed = parser.parse(RecordedFeeds.bytes(CS_LG));

        assertEquals(List.of("2604.21952", "2604.21953", "2604.21956"),
                feed.papers().stream().map(NormalizedPaper::id).toList());
        assertEquals(List.of(), feed.skipped());
        assertEquals(List.of(AnnounceType.NEW, AnnounceType.NEW, AnnounceType.NEW),
                feed.papers().stream().map(NormalizedPaper::announceType).toList());
        assertTrue(feed.papers().stream().noneMatch(NormalizedPaper::isRevision));
    }

    @Test
    void csLg_focusSession() {
        NormalizedPaper paper = paper("2604.21952");

        assertEquals(1, paper.version());
        assertEquals("Focus Session: Hardware and Software Techniques for Accelerating Multimodal Foundation Models",
                paper.title());
        assertEquals(List.of("Muhammad Shafique", "Abdul Basit", "Muhammad Abdullah Hanif", "Alberto Marchisio",
                "Rachmad Vidya Wicaksana Putra", "Minghao Shao"), paper.authors());
        assertEquals(List.of("cs.LG", "cs.AI", "cs.AR", "cs.NE", "cs.RO"), paper.categories());
        assertEquals("cs.LG", paper.primaryCategory());
        assertEquals(ANNOUNCED, paper.publishedAt());
        assertEquals(new PaperLinks("https://arxiv.org/abs/2604.21952", "https://arxiv.org/pdf/2604.21952", null),
                paper.links());
        assertNull(paper.upvotes());
        assertEquals(List.of("arxiv-rss"), paper.sources());
        // The "arXiv:... Announce Type: new" header and the "Abstract:" label are not part of the abstract.
        assertTrue(paper.abstractText().startsWith("This work presents a multi-layered methodology for "
                + "efficiently accelerating multimodal foundation models (MFMs). It combines"), paper.abstractText());
        assertTrue(paper.abstractText().contains("visual resolution & stride, and graph-level operator fusion."));
        assertTrue(paper.abstractText().endsWith("and conclude with extensions toward energy-efficient spiking-MFMs."));
    }

    @Test
    void csLg_athleticsAnomalies_exactAbstract() {
        NormalizedPaper paper = paper("2604.21953");

        assertEquals("Performance Anomaly Detection in Athletics: A Benchmarking System with Visual Analytics",
                paper.title());
        assertEquals(List.of("Blessed Madukoma", "Prasenjit Mitra"), paper.authors());
        assertEquals(List.of("cs.LG", "cs.CY"), paper.categories());
        assertEquals("cs.LG", paper.primaryCategory());
        assertEquals("Anti-doping programs rely on biological testing to detect performance-enhancing drugs, but "
                + "such testing costs over $800 per sample and is limited by short detection windows for many "
                + "prohibited substances. These constraints leave large portions of athletes without regular testing, "
                + "motivating complementary screening approaches that analyze routine competition results to identify "
                + "suspicious performance patterns. We present a system that processes 1.6 million athletics "
                + "performances from over 19,000 competitions (2010-2025) using eight detection methods ranging from "
                + "statistical rules to machine learning and trajectory analysis. We validate all methods against "
                + "publicly confirmed anti-doping violations to measure their effectiveness in identifying sanctioned "
                + "athletes. Trajectory-based methods, which compare performances to expected career progression, "
                + "achieve the best balance between detecting violations and limiting false alarms, though all methods "
                + "face challenges from incomplete data and rare confirmed violations. The system provides an "
                + "interactive interface for expert-driven investigation, emphasizing transparency and human judgment "
                + "to support, rather than replace, established anti-doping processes.", paper.abstractText());
    }

    @Test
    void csLg_conditionalAnomalyDetection() {
        NormalizedPaper paper = paper("2604.21956");

        assertEquals("Conditional anomaly detection using soft harmonic functions: An application to clinical alerting",
                paper.title());
        assertEquals(List.of("Michal Valko", "Hamed Valizadegan", "Branislav Kveton", "Gregory F. Cooper",
                "Milos Hauskrecht"), paper.authors());
        assertEquals(List.of("cs.LG"), paper.categories());
        assertEquals(ANNOUNCED, paper.publishedAt());
    }

    @Test
    void emptyChannelIsZeroPapers() {
        ParsedFeed feed = parser.parse(RecordedFeeds.bytes(EMPTY));

        assertEquals(List.of(), feed.papers());
        assertEquals(List.of(), feed.skipped());
    }

    @Test
    void errorChannelIsAFeedExceptionWithArxivsMessage() {
        FeedException error = assertThrows(FeedException.class, () -> parser.parse(RecordedFeeds.bytes(ERROR)));

        assertEquals("arxiv-rss", error.source());
        assertEquals("arXiv RSS error: Bad archive 'astroph'. Valid archive names are: astro-ph, cond-mat, cs, "
                + "econ, eess, gr-qc, hep-ex, hep-lat, hep-ph, hep-th, math, math-ph, nlin, nucl-ex, nucl-th, physics, "
                + "q-bio, q-fin, quant-ph, stat, test.", error.reason());
    }

    @Test
    void announceTypesAreReportedSoRevisionsCanBeRecordedNotAnnounced() {
        ParsedFeed feed = parser.parse(rss(
                item("2605.00001v1", "new", "cs.LG", "A. New"),
                item("2605.00002v1", "cross", "stat.ML</category><category>cs.LG", "B. Cross"),
                item("2501.00003v2", "replace", "cs.LG", "C. Replace"),
                item("2501.00004v3", "replace-cross", "math.OC</category><category>cs.LG", "D. ReplaceCross")));

        assertEquals(List.of(AnnounceType.NEW, AnnounceType.CROSS, AnnounceType.REPLACE, AnnounceType.REPLACE_CROSS),
                feed.papers().stream().map(NormalizedPaper::announceType).toList());
        assertEquals(List.of(false, false, true, true),
                feed.papers().stream().map(NormalizedPaper::isRevision).toList());
        assertEquals(List.of(1, 1, 2, 3), feed.papers().stream().map(NormalizedPaper::version).toList());
        NormalizedPaper cross = feed.papers().get(1);
        assertEquals("stat.ML", cross.primaryCategory());
        assertEquals(List.of("stat.ML", "cs.LG"), cross.categories());
    }

    @Test
    void creatorWithAffiliationsAndTexAccentsBecomesAProperList() {
        NormalizedPaper paper = parser.parse(rss(item("2605.00001v1", "new", "quant-ph",
                "Erwin Schr\\\"odinger (Univ. Wien, Austria), Przemys{\\l}aw Kowalski and Jos\\'e Pe\\~na")))
                .papers().get(0);

        assertEquals(List.of("Erwin Schrödinger", "Przemysław Kowalski", "José Peña"), paper.authors());
    }

    @Test
    void unknownAnnounceTypeAndMissingIdAreSkippedWithReasons() {
        ParsedFeed feed = parser.parse(rss(
                item("2605.00001v1", "teleport", "cs.LG", "A"),
                item("junk", "new", "cs.LG", "B").replace("https://arxiv.org/abs/junk", "https://example.org/x"),
                item("2605.00003v1", "new", "cs.LG", "C")));

        assertEquals(List.of("2605.00003"), feed.papers().stream().map(NormalizedPaper::id).toList());
        assertEquals(List.of(
                new SkippedEntry(1, "oai:arXiv.org:2605.00001v1", "unknown announce type 'teleport'"),
                new SkippedEntry(2, "oai:arXiv.org:junk", "no arXiv id in guid, description or link")),
                feed.skipped());
    }

    @Test
    void announceTypeFallsBackToTheDescriptionHeader() {
        String withoutElement = item("2501.00003v4", "replace", "cs.LG", "C. Replace")
                .replace("<arxiv:announce_type>replace</arxiv:announce_type>", "");

        NormalizedPaper paper = parser.parse(rss(withoutElement)).papers().get(0);

        assertEquals(AnnounceType.REPLACE, paper.announceType());
        assertEquals(4, paper.version());
        assertEquals("Abstract of 2501.00003v4.", paper.abstractText());
    }

    @Test
    void legacyTitleSuffixIsDropped() {
        String legacy = item("2312.01234v1", "new", "cs.LG", "A. Author")
                .replace("<title>Title of 2312.01234v1</title>",
                        "<title>Old Style Title. (arXiv:2312.01234v1 [cs.LG])</title>");

        assertEquals("Old Style Title.", parser.parse(rss(legacy)).papers().get(0).title());
    }

    @Test
    void truncatedRecordingIsMalformedXml() {
        byte[] recorded = RecordedFeeds.bytes(CS_LG);

        FeedException error = assertThrows(FeedException.class,
                () -> parser.parse(Arrays.copyOf(recorded, recorded.length / 2)));

        assertTrue(error.reason().startsWith("malformed XML"), error.reason());
    }

    @Test
    void anAtomDocumentIsNotAnRssFeed() {
        FeedException error = assertThrows(FeedException.class,
                () -> parser.parse(RecordedFeeds.bytes("arxiv_api/query_au-del_maestro_2016-10.xml")));

        assertEquals("not an RSS document: root element {http://www.w3.org/2005/Atom}feed", error.reason());
    }

    @Test
    void externalEntitiesAreNeverResolved() {
        String xxe = "<?xml version=\"1.0\"?><!DOCTYPE rss [<!ENTITY leak SYSTEM \"file:///etc/passwd\">]>"
                + "<rss version=\"2.0\"><channel><title>&leak;</title></channel></rss>";

        FeedException error = assertThrows(FeedException.class,
                () -> parser.parse(xxe.getBytes(StandardCharsets.UTF_8)));

        // The DTD is not processed, so the entity stays undeclared: the document is refused, nothing is read.
        assertTrue(error.reason().startsWith("malformed XML"), error.reason());
        assertFalse(error.reason().contains("root:"), error.reason());
    }

    private NormalizedPaper paper(String id) {
        return parser.parse(RecordedFeeds.bytes(CS_LG)).papers().stream()
                .filter(paper -> paper.id().equals(id))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no paper " + id));
    }

    /** A synthetic item shaped like the recorded ones, for announce types the recording lacks. */
    private static String item(String versionedId, String announceType, String categories, String creators) {
        String id = versionedId.replaceFirst("v\\d+$", "");
        return """
                <item>
                  <title>Title of %1$s</title>
                  <link>https://arxiv.org/abs/%2$s</link>
                  <description>arXiv:%1$s Announce Type: %3$s
                Abstract: Abstract of %1$s.</description>
                  <guid isPermaLink="false">oai:arXiv.org:%1$s</guid>
                  <category>%4$s</category>
                  <pubDate>Mon, 04 May 2026 00:00:00 -0400</pubDate>
                  <arxiv:announce_type>%3$s</arxiv:announce_type>
                  <dc:creator>%5$s</dc:creator>
                </item>
                """.formatted(versionedId, id, announceType, categories, creators);
    }

    private static String rss(String... items) {
        return "<rss xmlns:arxiv=\"http://arxiv.org/schemas/atom\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\" "
                + "version=\"2.0\"><channel><title>cs.LG updates on arXiv.org</title>"
                + String.join("", items) + "</channel></rss>";
    }
}
