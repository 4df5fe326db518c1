package dev.paperdigest.ingest.source;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

import java.net.URI;

import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.client.WireMock;

/**
 * The WireMock server that RealInfrastructure starts in place of all three feeds, driven over its HTTP admin API.
 * Paths are the ones the sources request under their base URL.
 */
public final class FeedServer {

    public static final String HUGGING_FACE_PATH = "/api/daily_papers";
    /** ingest.arxiv.rss-categories as configured (the default list). */
    public static final String RSS_PATH = "/rss/cs.AI+cs.CL+cs.CV+cs.LG";
    public static final String API_PATH = "/api/query";

    private final WireMock wireMock;

    private FeedServer(WireMock wireMock) {
        this.wireMock = wireMock;
    }

    /** The server behind a source base URL such as {@code http://127.0.0.1:41234}. */
    public static FeedServer at(String baseUrl) {
        URI uri = URI.create(baseUrl);
        return new FeedServer(new WireMock(uri.getHost(), uri.getPort()));
    }

    /** Forgets every stub and every request seen: each test serves its own answers. */
    public void reset() {
        wireMock.resetMappings();
        wireMock.resetRequests();
    }

    public WireMock wireMock() {
        return wireMock;
    }

    public void huggingFaceDay(String date, ResponseDefinitionBuilder answer) {
        wireMock.register(get(urlPathEqualTo(HUGGING_FACE_PATH)).withQueryParam("date", equalTo(date)).willReturn(answer));
    }

    public void rss(ResponseDefinitionBuilder answer) {
        wireMock.register(get(urlPathEqualTo(RSS_PATH)).willReturn(answer));
    }

    /** Answers every API query. */
    public void api(ResponseDefinitionBuilder answer) {
        wireMock.register(apiQuery().willReturn(answer));
    }

    /** Answers the API query for the page starting at {@code start}. */
    public void apiPage(int start, ResponseDefinitionBuilder answer) {
        wireMock.register(apiQuery().withQueryParam("start", equalTo(Integer.toString(start))).willReturn(answer));
    }

    public static MappingBuilder apiQuery() {
        return get(urlPathEqualTo(API_PATH));
    }

    public static ResponseDefinitionBuilder json(byte[] body) {
        return aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody(body);
    }

    public static ResponseDefinitionBuilder xml(byte[] body) {
        return aResponse().withStatus(200).withHeader("Content-Type", "application/xml; charset=utf-8").withBody(body);
    }

    public static ResponseDefinitionBuilder xml(int status, String body) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/atom+xml; charset=utf-8")
                .withBody(body);
    }
}
