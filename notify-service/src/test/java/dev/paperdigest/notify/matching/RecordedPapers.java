package dev.paperdigest.notify.matching;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The real papers of the recorded feeds in {@code ingest-service/src/test/resources/feeds} (Hugging Face daily
 * papers, the arXiv API and the arXiv RSS excerpt), read as they are, hard wraps, LaTeX and all.
 */
public final class RecordedPapers {

    /** The feeds as recorded; tests of this module run with the module directory as working directory. */
    public static final Path FEEDS = Path.of("..", "ingest-service", "src", "test", "resources", "feeds");

    private static List<PaperDocument> all;

    private RecordedPapers() {
    }

    /** Every recorded paper once (by id), in feed order. */
    public static synchronized List<PaperDocument> all() {
        if (all == null) {
            Map<String, PaperDocument> byId = new LinkedHashMap<>();
            for (String day : List.of("daily_papers_2024-05-27.json", "daily_papers_2025-06-02.json")) {
                huggingFace(FEEDS.resolve("hf_daily_papers").resolve(day)).forEach(p -> byId.putIfAbsent(p.id(), p));
            }
            arxivApi(FEEDS.resolve("arxiv_api/query_au-del_maestro_2016-10.xml"))
                    .forEach(p -> byId.putIfAbsent(p.id(), p));
            arxivRss(FEEDS.resolve("arxiv_rss/rss_cs.LG_2026-04-27_excerpt.xml"))
                    .forEach(p -> byId.putIfAbsent(p.id(), p));
            all = List.copyOf(byId.values());
        }
        return all;
    }

    /** The recorded paper with this title start (ignoring case), for tests that need a particular one. */
    public static PaperDocument titled(String titleStart) {
        return all().stream()
                .filter(p -> p.title().strip().toLowerCase().startsWith(titleStart.toLowerCase()))
                .findFirst().orElseThrow(() -> new IllegalArgumentException("no recorded paper titled " + titleStart));
    }

    private static List<PaperDocument> huggingFace(Path file) {
        try {
            List<PaperDocument> papers = new ArrayList<>();
            for (JsonNode entry : new ObjectMapper().readTree(file.toFile())) {
                JsonNode paper = entry.path("paper");
                List<String> authors = new ArrayList<>();
                paper.path("authors").forEach(a -> authors.add(a.path("name").asText()));
                papers.add(new PaperDocument(paper.path("id").asText(), paper.path("title").asText(),
                        paper.path("summary").asText(), authors, List.of()));
            }
            return papers;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<PaperDocument> arxivApi(Path file) {
        List<PaperDocument> papers = new ArrayList<>();
        NodeList entries = xml(file).getElementsByTagNameNS("*", "entry");
        for (int i = 0; i < entries.getLength(); i++) {
            Element entry = (Element) entries.item(i);
            String id = text(entry, "id").replaceAll("^.*/abs/", "").replaceAll("v\\d+$", "");
            List<String> authors = new ArrayList<>();
            NodeList names = entry.getElementsByTagNameNS("*", "name");
            for (int j = 0; j < names.getLength(); j++) {
                authors.add(names.item(j).getTextContent());
            }
            List<String> categories = new ArrayList<>();
            NodeList cats = entry.getElementsByTagNameNS("*", "category");
            for (int j = 0; j < cats.getLength(); j++) {
                categories.add(((Element) cats.item(j)).getAttribute("term"));
            }
            papers.add(new PaperDocument(id, text(entry, "title"), text(entry, "summary"), authors, categories));
        }
        return papers;
    }

    private static List<PaperDocument> arxivRss(Path file) {
        List<PaperDocument> papers = new ArrayList<>();
        NodeList items = xml(file).getElementsByTagName("item");
        for (int i = 0; i < items.getLength(); i++) {
            Element item = (Element) items.item(i);
            String id = text(item, "link").replaceAll("^.*/abs/", "");
            String description = text(item, "description");
            int abstractAt = description.indexOf("Abstract:");
            String abstractText = abstractAt >= 0
                    ? description.substring(abstractAt + "Abstract:".length()) : description;
            List<String> authors = Arrays.stream(text(item, "creator").split(",")).map(String::strip)
                    .filter(s -> !s.isEmpty()).toList();
            List<String> categories = new ArrayList<>();
            NodeList cats = item.getElementsByTagName("category");
            for (int j = 0; j < cats.getLength(); j++) {
                categories.add(cats.item(j).getTextContent().strip());
            }
            papers.add(new PaperDocument(id, text(item, "title"), abstractText, authors, categories));
        }
        return papers;
    }

    private static org.w3c.dom.Document xml(Path file) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            return factory.newDocumentBuilder().parse(Files.newInputStream(file));
        } catch (Exception e) {
            throw new IllegalStateException("cannot read " + file, e);
        }
    }

    private static String text(Element parent, String localName) {
        NodeList nodes = parent.getElementsByTagNameNS("*", localName);
        if (nodes.getLength() == 0) {
            nodes = parent.getElementsByTagName(localName);
        }
        return nodes.getLength() == 0 ? "" : nodes.item(0).getTextContent();
    }
}
