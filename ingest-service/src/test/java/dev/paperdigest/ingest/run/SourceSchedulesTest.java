package dev.paperdigest.ingest.run;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

import org.junit.jupiter.api.Test;

import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;

/** The default schedules in application.properties, read as the Quarkus scheduler reads them (Quartz crons). */
class SourceSchedulesTest {

    private static final CronParser QUARTZ = new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.QUARTZ));
    private static final ZoneId EASTERN = ZoneId.of("America/New_York");
    private static final ZoneId UTC = ZoneId.of("UTC");

    @Test
    void arxivRssIsReadHalfAnHourAfterEachMidnightRefreshMondayToFriday() throws IOException {
        Properties config = config();
        assertEquals("America/New_York", config.getProperty("ingest.arxiv.time-zone"));

        // From Friday night: nothing over the weekend (arXiv announces nothing Friday and Saturday evening).
        List<ZonedDateTime> runs = next(config.getProperty("ingest.arxiv.rss-cron"),
                ZonedDateTime.of(2026, 4, 24, 1, 0, 0, 0, EASTERN), 6);

        assertEquals(List.of(
                ZonedDateTime.of(2026, 4, 27, 0, 30, 0, 0, EASTERN),
                ZonedDateTime.of(2026, 4, 28, 0, 30, 0, 0, EASTERN),
                ZonedDateTime.of(2026, 4, 29, 0, 30, 0, 0, EASTERN),
                ZonedDateTime.of(2026, 4, 30, 0, 30, 0, 0, EASTERN),
                ZonedDateTime.of(2026, 5, 1, 0, 30, 0, 0, EASTERN),
                ZonedDateTime.of(2026, 5, 4, 0, 30, 0, 0, EASTERN)), runs);
    }

    @Test
    void arxivApiFollowsTheRssRun() throws IOException {
        List<ZonedDateTime> runs = next(config().getProperty("ingest.arxiv.api-cron"),
                ZonedDateTime.of(2026, 4, 24, 1, 30, 0, 0, EASTERN), 2);

        assertEquals(List.of(ZonedDateTime.of(2026, 4, 27, 1, 0, 0, 0, EASTERN),
                ZonedDateTime.of(2026, 4, 28, 1, 0, 0, 0, EASTERN)), runs);
    }

    @Test
    void huggingFaceIsReadFourTimesADayTheLastJustBeforeMidnight() throws IOException {
        Properties config = config();
        assertEquals("UTC", config.getProperty("ingest.huggingface.time-zone"));

        List<ZonedDateTime> runs = next(config.getProperty("ingest.huggingface.cron"),
                ZonedDateTime.of(2026, 4, 25, 0, 0, 0, 0, UTC), 5);

        assertEquals(List.of(
                ZonedDateTime.of(2026, 4, 25, 5, 50, 0, 0, UTC),
                ZonedDateTime.of(2026, 4, 25, 11, 50, 0, 0, UTC),
                ZonedDateTime.of(2026, 4, 25, 17, 50, 0, 0, UTC),
                ZonedDateTime.of(2026, 4, 25, 23, 50, 0, 0, UTC),
                ZonedDateTime.of(2026, 4, 26, 5, 50, 0, 0, UTC)), runs);
    }

    @Test
    void testsScheduleNothing() throws IOException {
        Properties config = config();
        for (String key : List.of("ingest.huggingface.cron", "ingest.arxiv.rss-cron", "ingest.arxiv.api-cron")) {
            assertEquals("off", config.getProperty("%test." + key), key);
        }
    }

    private static List<ZonedDateTime> next(String cron, ZonedDateTime from, int count) {
        ExecutionTime execution = ExecutionTime.forCron(QUARTZ.parse(cron));
        List<ZonedDateTime> times = new ArrayList<>();
        ZonedDateTime at = from;
        for (int i = 0; i < count; i++) {
            at = execution.nextExecution(at).orElseThrow();
            times.add(at);
        }
        return times;
    }

    static Properties config() throws IOException {
        Properties properties = new Properties();
        try (InputStream in = SourceSchedulesTest.class.getResourceAsStream("/application.properties")) {
            properties.load(in);
        }
        return properties;
    }
}
