package dev.paperdigest.ingest.source;

import java.nio.charset.StandardCharsets;

/**
 * Feed answers written for a test, shaped like the recorded ones, for what the recordings lack (replacements,
 * paging, a paper that another feed also reported). The recorded fixtures themselves stay unmodified.
 */
public final class HandMadeFeeds {

    private HandMadeFeeds() {
    }

    /** An arXiv RSS item. */
    public static String rssItem(String versionedId, String announceType, String title, String categories,
            String creators) {
        String id = versionedId.replaceFirst("v\\d+$", "");
        String categoryElements = String.join("", java.util.Arrays.stream(categories.split(","))
                .map(category -> "<category>" + category + "</category>").toList());
        return """
                <item>
                  <title>%2$s</title>
                  <link>https://arxiv.org/abs/%1$s</link>
                  <description>arXiv:%3$s Announce Type: %4$s
                Abstract: The abstract of %3$s,
                  hard-wrapped like arXiv's.</description>
                  <guid isPermaLink="false">oai:arXiv.org:%3$s</guid>
                  %5$s
                  <pubDate>Mon, 04 May 2026 00:00:00 -0400</pubDate>
                  <arxiv:announce_type>%4$s</arxiv:announce_type>
                  <dc:creator>%6$s</dc:creator>
                </item>
                """.formatted(id, title, versionedId, announceType, categoryElements, creators);
    }

    public static byte[] rss(String... items) {
        return ("<rss xmlns:arxiv=\"http://arxiv.org/schemas/atom\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\" "
                + "version=\"2.0\"><channel><title>cs.AI+cs.CL+cs.CV+cs.LG updates on arXiv.org</title>"
                + "<pubDate>Mon, 04 May 2026 00:00:00 -0400</pubDate>"
                + String.join("", items) + "</channel></rss>").getBytes(StandardCharsets.UTF_8);
    }

    /** An arXiv API entry; {@code categories} primary first. */
    public static String apiEntry(String versionedId, String title, String published, String categories,
            String... authors) {
        String[] terms = categories.split(",");
        StringBuilder entry = new StringBuilder()
                .append("<entry><id>http://arxiv.org/abs/").append(versionedId).append("</id>")
                .append("<published>").append(published).append("</published>")
                .append("<updated>").append(published).append("</updated>")
                .append("<title>").append(title).append("</title>")
                .append("<summary>  The abstract of ").append(versionedId).append(",\n  hard-wrapped.</summary>");
        for (String author : authors) {
            entry.append("<author><name>").append(author).append("</name></author>");
        }
        entry.append("<arxiv:primary_category term=\"").append(terms[0])
                .append("\" scheme=\"http://arxiv.org/schemas/atom\"/>");
        for (String term : terms) {
            entry.append("<category term=\"").append(term).append("\" scheme=\"http://arxiv.org/schemas/atom\"/>");
        }
        return entry.append("</entry>").toString();
    }

    /** One page of API results. */
    public static byte[] apiPage(int totalResults, int startIndex, int itemsPerPage, String... entries) {
        return ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\" "
                + "xmlns:opensearch=\"http://a9.com/-/spec/opensearch/1.1/\" xmlns:arxiv=\"http://arxiv.org/schemas/atom\">"
                + "<title>arXiv Query</title>"
                + "<opensearch:totalResults>" + totalResults + "</opensearch:totalResults>"
                + "<opensearch:startIndex>" + startIndex + "</opensearch:startIndex>"
                + "<opensearch:itemsPerPage>" + itemsPerPage + "</opensearch:itemsPerPage>"
                + String.join("", entries) + "</feed>").getBytes(StandardCharsets.UTF_8);
    }

    /** A Hugging Face daily-papers day holding one paper. */
    public static byte[] huggingFaceDay(String id, String title, int upvotes, String... authors) {
        StringBuilder names = new StringBuilder();
        for (String author : authors) {
            names.append(names.isEmpty() ? "" : ", ").append("{\"name\": \"").append(author).append("\", \"hidden\": false}");
        }
        return ("[{\"paper\": {\"id\": \"" + id + "\", \"title\": \"" + title + "\", \"summary\": \"Its abstract, per "
                + "Hugging Face.\", \"publishedAt\": \"2026-04-24T17:00:00.000Z\", \"upvotes\": " + upvotes
                + ", \"authors\": [" + names + "]}, \"publishedAt\": \"2026-04-27T09:00:00.000Z\"}]")
                .getBytes(StandardCharsets.UTF_8);
    }
}
