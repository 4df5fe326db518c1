package dev.paperdigest.ingest.source.arxiv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.paperdigest.ingest.paper.PaperLinks;
import dev.paperdigest.ingest.paper.NormalizedPaper;
import dev.paperdigest.ingest.source.FeedException;
import dev.paperdigest.ingest.source.RecordedFeeds;
import dev.paperdigest.ingest.source.RecordedFeeds.RecordedResponse;
import dev.paperdigest.ingest.source.SkippedEntry;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class ArxivApiParserTest {

    private static final String DEL_MAESTRO = "arxiv_api/query_au-del_maestro_2016-10.xml";
    private static final String ERROR_400 = "arxiv_api/recorded_error_id-abc_http400_2026-04-12.json";
    private static final String EMPTY = "arxiv_api/recorded_empty_id-0000.0000_2026-04-12.json";

    private final ArxivApiParser parser = new ArxivApiParser();

    @Test
    void delMaestro_tenEntriesWithVersionsAndPaging() {
        ArxivApiPage page = parser.parse(RecordedFeeds.bytes(DEL_MAESTRO));

        assertEquals(List.of("1201.4869v1", "cond-mat/0412498v1", "cond-mat/0603029v1", "1005.5383v1", "1303.6954v2",
                "1312.6177v1", "1412.6529v2", "cond-mat/0607501v2", "cond-mat/0702661v2", "0807.2873v1"),
                page.papers().stream().map(paper -> paper.id() + "v" + paper.version()).toList());
        assertEquals(List.of(), page.feed().skipped());
        assertEquals(31, page.totalResults());
        assertEquals(0, page.startIndex());
        assertEquals(10, page.itemsPerPage());
        assertEquals(10, page.nextStartIndex());
        assertTrue(page.hasNextPage());
    }

    @Test
    void delMaestro_luttingerLiquidCore() {
        NormalizedPaper paper = paper("1201.4869");

        assertEquals(1, paper.version());
        assertEquals("A Luttinger Liquid Core Inside Helium-4 Filled Nanopores", paper.title());
        assertEquals(List.of("Adrian Del Maestro"), paper.authors());
        assertEquals("cond-mat.mes-hall", paper.primaryCategory());
        assertEquals(List.of("cond-mat.mes-hall", "cond-mat.other"), paper.categories());
        assertEquals(Instant.parse("2012-01-23T21:15:02Z"), paper.publishedAt());
        assertEquals(new PaperLinks("https://arxiv.org/abs/1201.4869", "https://arxiv.org/pdf/1201.4869", null),
                paper.links());
        assertNull(paper.upvotes());
        assertNull(paper.announceType());
        assertEquals(List.of("arxiv-api"), paper.sources());
        assertTrue(paper.abstractText().startsWith("As helium-4 is cooled below 2.17 K it undergoes a phase "
                + "transition to a fundamentally new state of matter known as a superfluid which supports flow "
                + "without viscosity."), paper.abstractText());
        assertTrue(paper.abstractText().endsWith("the experimental detection of this intriguing low dimensional "
                + "state of matter."));
    }

    @Test
    void delMaestro_oldStyleIdWithHardWrappedTitle() {
        NormalizedPaper paper = paper("cond-mat/0603029");

        assertEquals(1, paper.version());
        assertEquals("From stripe to checkerboard order on the square lattice in the presence of quenched disorder",
                paper.title());
        assertEquals(List.of("Adrian Del Maestro", "Bernd Rosenow", "Subir Sachdev"), paper.authors());
        assertEquals("cond-mat.str-el", paper.primaryCategory());
        assertEquals(List.of("cond-mat.str-el", "cond-mat.supr-con"), paper.categories());
        assertEquals(Instant.parse("2006-03-02T02:22:45Z"), paper.publishedAt());
        assertEquals(new PaperLinks("https://arxiv.org/abs/cond-mat/0603029",
                "https://arxiv.org/pdf/cond-mat/0603029", null), paper.links());
    }

    @Test
    void delMaestro_latexInAbstractIsKeptAsWritten() {
        NormalizedPaper paper = paper("1412.6529");

        assertEquals(2, paper.version());
        assertEquals("Particle partition entanglement of bosonic Luttinger liquids", paper.title());
        assertEquals(List.of("C. M. Herdman", "A. Del Maestro"), paper.authors());
        assertEquals("cond-mat.quant-gas", paper.primaryCategory());
        assertEquals(List.of("cond-mat.quant-gas", "quant-ph"), paper.categories());
        // <published> is v1's date; <updated> (2015-02-25) is v2's.
        assertEquals(Instant.parse("2014-12-19T21:00:08Z"), paper.publishedAt());
        assertEquals("We consider the R\\'{e}nyi entanglement entropy of bosonic Luttinger liquids under a particle "
                + "bipartition and demonstrate that the leading order finite-size scaling is logarithmic in the system "
                + "size with a prefactor equal to the inverse Luttinger parameter. While higher order corrections "
                + "involve a microscopic length scale, the leading order scaling depends only on this sole "
                + "dimensionless parameter which characterizes the low energy quantum hydrodynamics. This result "
                + "contrasts the leading entanglement entropy scaling under a spatial bipartition, for which the "
                + "coefficient is universal and independent of the Luttinger parameter. Using quantum Monte Carlo "
                + "calculations, we explicitly confirm the scaling predictions of Luttinger liquid theory for the "
                + "Lieb-Liniger model of $\\delta$-function interacting bosons in the one dimensional spatial "
                + "continuum.", paper.abstractText());
    }

    @Test
    void delMaestro_moreNamedPapers() {
        NormalizedPaper superfluidity = paper("1303.6954");
        assertEquals(2, superfluidity.version());
        assertEquals("Local Superfluidity at the Nanoscale", superfluidity.title());
        assertEquals(List.of("B. Kulchytskyy", "G. Gervais", "A. Del Maestro"), superfluidity.authors());
        assertEquals(Instant.parse("2013-03-27T20:00:04Z"), superfluidity.publishedAt());

        NormalizedPaper pyrochlore = paper("cond-mat/0702661");
        assertEquals("Low temperature specific heat and possible gap to magnetic excitations in the Heisenberg "
                + "pyrochlore antiferromagnet Gd2Sn207", pyrochlore.title());
        assertEquals(List.of("Adrian Del Maestro", "Michel J. P. Gingras"), pyrochlore.authors());
        assertEquals("cond-mat.mtrl-sci", pyrochlore.primaryCategory());
        assertEquals(List.of("cond-mat.mtrl-sci", "cond-mat.stat-mech"), pyrochlore.categories());

        NormalizedPaper supersolid = paper("cond-mat/0607501");
        assertEquals("A striped supersolid phase and the search for deconfined quantum criticality in hard-core "
                + "bosons on the triangular lattice", supersolid.title());
        assertEquals(List.of("R. G. Melko", "A. Del Maestro", "A. A. Burkov"), supersolid.authors());
        assertEquals(List.of("cond-mat.str-el"), supersolid.categories());
    }

    @Test
    void delMaestro_everyTextIsSingleLine() {
        for (NormalizedPaper paper : parser.parse(RecordedFeeds.bytes(DEL_MAESTRO)).papers()) {
            for (String text : List.of(paper.title(), paper.abstractText())) {
                assertFalse(text.contains("\n") || text.contains("  ") || !text.equals(text.strip()), text);
            }
        }
    }

    @Test
    void http400ErrorFeedIsAFeedExceptionWithArxivsReason() {
        RecordedResponse recorded = RecordedFeeds.response(ERROR_400);
        assertEquals(400, recorded.statusCode());

        FeedException error = assertThrows(FeedException.class,
                () -> parser.parse(recorded.statusCode(), recorded.body()));

        assertEquals("arxiv-api", error.source());
        assertEquals("arXiv API error (HTTP 400): incorrect id format for abc", error.reason());
    }

    @Test
    void errorEntryIsRecognisedEvenUnderHttp200() {
        RecordedResponse recorded = RecordedFeeds.response(ERROR_400);

        FeedException error = assertThrows(FeedException.class, () -> parser.parse(200, recorded.body()));

        assertEquals("arXiv API error (HTTP 200): incorrect id format for abc", error.reason());
    }

    @Test
    void emptyResultIsAnEmptyPage() {
        RecordedResponse recorded = RecordedFeeds.response(EMPTY);

        ArxivApiPage page = parser.parse(recorded.statusCode(), recorded.body());

        assertEquals(List.of(), page.papers());
        assertEquals(List.of(), page.feed().skipped());
        assertEquals(0, page.totalResults());
        assertEquals(0, page.startIndex());
        assertEquals(100, page.itemsPerPage());
        assertFalse(page.hasNextPage());
    }

    @Test
    void serverErrorWithHtmlBodyIsAFeedException() {
        FeedException error = assertThrows(FeedException.class,
                () -> parser.parse(503, "<html><body><h1>503 Service Unavailable</h1></body></html>"));

        assertEquals("HTTP 503 with a body that is not an Atom feed", error.reason());
    }

    @Test
    void non2xxWithoutErrorEntryIsStillAFeedException() {
        RecordedResponse empty = RecordedFeeds.response(EMPTY);

        FeedException error = assertThrows(FeedException.class, () -> parser.parse(500, empty.body()));

        assertEquals("HTTP 500 without an error entry", error.reason());
    }

    @Test
    void aRealPaperTitledErrorIsStillAPaper() {
        String feed = """
                <feed xmlns="http://www.w3.org/2005/Atom"><entry>
                  <id>http://arxiv.org/abs/2601.00001v1</id><title>Error</title>
                  <published>2026-01-01T00:00:00Z</published><summary>On errors.</summary>
                </entry></feed>""";

        ArxivApiPage page = parser.parse(200, feed);

        assertEquals("Error", page.papers().get(0).title());
        assertEquals(1, page.totalResults()); // no opensearch elements: the page is all there is
        assertFalse(page.hasNextPage());
    }

    @Test
    void entriesWithoutArxivIdAreSkippedWithReason() {
        String feed = """
                <feed xmlns="http://www.w3.org/2005/Atom">
                  <entry><id>http://example.org/x</id><title>Not arXiv</title></entry>
                  <entry><id>http://arxiv.org/abs/2601.00001v1</id><title> </title></entry>
                  <entry><id>http://arxiv.org/abs/2601.00002v1</id><title>Fine</title></entry>
                </feed>""";

        ArxivApiPage page = parser.parse(200, feed);

        assertEquals(List.of("2601.00002"), page.papers().stream().map(NormalizedPaper::id).toList());
        assertEquals(List.of(new SkippedEntry(1, "http://example.org/x", "no arXiv id in <id>"),
                new SkippedEntry(2, "http://arxiv.org/abs/2601.00001v1", "no title")), page.feed().skipped());
        assertEquals(3, page.nextStartIndex()); // skipped entries still advance paging
    }

    @Test
    void acmAndMscClassesAreNoCategories() {
        String feed = """
                <feed xmlns="http://www.w3.org/2005/Atom" xmlns:arxiv="http://arxiv.org/schemas/atom"><entry>
                  <id>http://arxiv.org/abs/2601.00001v1</id><title>Classified</title>
                  <arxiv:primary_category term="cs.LG" scheme="http://arxiv.org/schemas/atom"/>
                  <category term="cs.LG"/><category term="I.2.6; I.5.1"/><category term="68T05"/>
                  <category term="stat.ML"/>
                </entry></feed>""";

        NormalizedPaper paper = parser.parse(200, feed).papers().get(0);

        assertEquals(List.of("cs.LG", "stat.ML"), paper.categories());
        assertEquals("cs.LG", paper.primaryCategory());
    }

    @Test
    void truncatedRecordingIsMalformedXml() {
        byte[] recorded = RecordedFeeds.bytes(DEL_MAESTRO);

        FeedException error = assertThrows(FeedException.class,
                () -> parser.parse(200, Arrays.copyOf(recorded, recorded.length / 2)));

        assertTrue(error.reason().startsWith("malformed XML"), error.reason());
    }

    @Test
    void anRssDocumentIsNotAnAtomFeed() {
        FeedException error = assertThrows(FeedException.class,
                () -> parser.parse(RecordedFeeds.bytes("arxiv_rss/rss_test-archive_empty_2024-11-28.xml")));

        assertEquals("not an Atom feed: root element rss", error.reason());
    }

    private NormalizedPaper paper(String id) {
        return parser.parse(RecordedFeeds.bytes(DEL_MAESTRO)).papers().stream()
                .filter(paper -> paper.id().equals(id))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no paper " + id));
    }
}
