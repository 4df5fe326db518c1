package dev.paperdigest.ingest.run;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.paperdigest.ingest.event.PapersTopicProbe;
import dev.paperdigest.ingest.source.FeedServer;
import jakarta.inject.Inject;

/**
 * What every run test stands on: the WireMock server behind all three feeds, with no answers and no requests
 * before each test, and papers.new read from the moment the test starts.
 */
abstract class FeedRunTest {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    /** The three base URLs point at the same WireMock server; this one stands for all. */
    @ConfigProperty(name = "ingest.huggingface.base-url")
    String feedBase;

    @Inject
    ObjectMapper mapper;

    FeedServer feeds;
    PapersTopicProbe topic;

    @BeforeEach
    void serveFeedsAndReadTopic() {
        feeds = FeedServer.at(feedBase);
        feeds.reset();
        topic = PapersTopicProbe.fromNow(bootstrapServers);
    }

    @AfterEach
    void closeTopic() {
        topic.close();
    }
}
