package dev.paperdigest.notify.subscription;

import org.junit.jupiter.api.Test;

import java.time.DayOfWeek;
import java.time.Instant;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** "Next mail due" as the manage page shows it, in the subscriber's zone, across DST changes. */
class ScheduleTest {

    private static Schedule daily(String zone, int hour) {
        return new Schedule(Frequency.DAILY, zone, hour, DayOfWeek.MONDAY);
    }

    @Test
    void dailyIsDueAtTheSendHourInTheSubscribersZone() {
        Schedule berlinEight = daily("Europe/Berlin", 8);
        assertEquals(Optional.of(Instant.parse("2026-12-01T07:00:00Z")),
                berlinEight.nextSendAfter(Instant.parse("2026-12-01T06:59:59Z")));
        assertEquals(Optional.of(Instant.parse("2026-12-02T07:00:00Z")),
                berlinEight.nextSendAfter(Instant.parse("2026-12-01T07:00:00Z")));
        assertEquals(Optional.of(Instant.parse("2026-07-01T06:00:00Z")), berlinEight.nextSendAfter(
                Instant.parse("2026-06-30T12:00:00Z")), "summer time");
    }

    @Test
    void anHourSkippedBySpringForwardIsDueOnceRightAfterTheGapAndARepeatedHourOnceAtItsFirstOccurrence() {
        Schedule berlinTwo = daily("Europe/Berlin", 2);
        // 2026-03-29: 02:00 CET does not exist (clocks jump to 03:00 CEST = 01:00Z).
        assertEquals(Optional.of(Instant.parse("2026-03-29T01:00:00Z")),
                berlinTwo.nextSendAfter(Instant.parse("2026-03-28T23:00:00Z")));
        assertEquals(Optional.of(Instant.parse("2026-03-30T00:00:00Z")),
                berlinTwo.nextSendAfter(Instant.parse("2026-03-29T01:00:00Z")));
        // 2026-10-25: 02:00 happens twice (CEST, then CET); only the first counts.
        assertEquals(Optional.of(Instant.parse("2026-10-25T00:00:00Z")),
                berlinTwo.nextSendAfter(Instant.parse("2026-10-24T23:00:00Z")));
        assertEquals(Optional.of(Instant.parse("2026-10-26T01:00:00Z")),
                berlinTwo.nextSendAfter(Instant.parse("2026-10-25T00:00:00Z")));
    }

    @Test
    void weeklyIsDueOnTheWeekdayAndInstantHasNoSendTime() {
        Schedule fridaySeven = new Schedule(Frequency.WEEKLY, "America/New_York", 7, DayOfWeek.FRIDAY);
        // Tuesday 2026-12-01 → Friday 2026-12-04 07:00 EST = 12:00Z.
        assertEquals(Optional.of(Instant.parse("2026-12-04T12:00:00Z")),
                fridaySeven.nextSendAfter(Instant.parse("2026-12-01T10:00:00Z")));
        assertEquals(Optional.of(Instant.parse("2026-12-11T12:00:00Z")),
                fridaySeven.nextSendAfter(Instant.parse("2026-12-04T12:00:00Z")));
        assertEquals(Optional.empty(), Schedule.DEFAULT.with("INSTANT", null, null, null)
                .nextSendAfter(Instant.parse("2026-12-01T10:00:00Z")));
    }
}
