package io.opsbot.core.schedule;

import org.junit.jupiter.api.Test;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.EnumSet;

import static org.assertj.core.api.Assertions.assertThat;

class WeeklyScheduleTest {

    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private final WeeklySchedule weekdaysAtNine = new WeeklySchedule(
            EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY), LocalTime.of(9, 0));

    @Test
    void nineStaysNineLocalAcrossTheSpringChange() {
        // US clocks go forward on Sunday 2026-03-08: 09:00 is 14:00Z before, 13:00Z after.
        Instant friday = weekdaysAtNine.next(Instant.parse("2026-03-06T12:00:00Z"), NEW_YORK);
        Instant monday = weekdaysAtNine.next(friday, NEW_YORK);

        assertThat(friday).isEqualTo(Instant.parse("2026-03-06T14:00:00Z"));
        assertThat(monday).isEqualTo(Instant.parse("2026-03-09T13:00:00Z"));
    }

    @Test
    void nineStaysNineLocalAcrossTheAutumnChange() {
        // Europe goes back on Sunday 2026-10-25: 09:00 is 07:00Z before, 08:00Z after.
        Instant friday = weekdaysAtNine.next(Instant.parse("2026-10-23T06:00:00Z"), BERLIN);
        Instant monday = weekdaysAtNine.next(friday, BERLIN);

        assertThat(friday).isEqualTo(Instant.parse("2026-10-23T07:00:00Z"));
        assertThat(monday).isEqualTo(Instant.parse("2026-10-26T08:00:00Z"));
    }

    @Test
    void weekendsAreSkipped() {
        Instant saturdayMorning = Instant.parse("2026-03-07T10:00:00Z");

        assertThat(weekdaysAtNine.next(saturdayMorning, BERLIN)).isEqualTo(Instant.parse("2026-03-09T08:00:00Z"));
    }

    @Test
    void aTimeInTheSpringGapMovesPastTheGapAndAnOverlapUsesTheFirst() {
        WeeklySchedule sundayHalfPastTwo = new WeeklySchedule(EnumSet.of(DayOfWeek.SUNDAY), LocalTime.of(2, 30));
        // 2026-03-29 02:30 does not exist in Berlin (02:00 -> 03:00): it becomes 03:30 CEST = 01:30Z.
        assertThat(sundayHalfPastTwo.next(Instant.parse("2026-03-28T00:00:00Z"), BERLIN))
                .isEqualTo(Instant.parse("2026-03-29T01:30:00Z"));
        // 2026-10-25 02:30 happens twice; the first (CEST) is 00:30Z.
        assertThat(sundayHalfPastTwo.next(Instant.parse("2026-10-24T00:00:00Z"), BERLIN))
                .isEqualTo(Instant.parse("2026-10-25T00:30:00Z"));
    }

    @Test
    void latestFindsTheOccurrenceJustPassed() {
        assertThat(weekdaysAtNine.latest(Instant.parse("2026-03-09T13:20:00Z"), NEW_YORK))
                .contains(Instant.parse("2026-03-09T13:00:00Z"));
        assertThat(weekdaysAtNine.latest(Instant.parse("2026-03-09T12:59:00Z"), NEW_YORK))
                .contains(Instant.parse("2026-03-06T14:00:00Z"));
    }
}
