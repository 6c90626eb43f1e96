package io.opsbot.core.okr;

import io.opsbot.core.schedule.WeeklySchedule;
import org.junit.jupiter.api.Test;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class CadenceEveryTest {

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private static final WeeklySchedule FRIDAY_15 = new WeeklySchedule(Set.of(DayOfWeek.FRIDAY), LocalTime.of(15, 0));

    @Test
    void everyOtherWeekPromptsInTheAnchorsWeeksAtTheSameLocalTimeAcrossTheSpringChange() {
        // Anchored on Friday 2027-03-19; Berlin moves to summer time on Sunday 2027-03-28.
        Cadence cadence = new Cadence(FRIDAY_15, BERLIN, CheckInEvery.BIWEEKLY, LocalDate.of(2027, 3, 19));

        Instant first = cadence.nextPrompt(at(2027, 3, 15, 9));
        Instant second = cadence.nextPrompt(first);

        assertThat(first).isEqualTo(at(2027, 3, 19, 15));
        assertThat(second).isEqualTo(at(2027, 4, 2, 15));
        assertThat(second.atZone(BERLIN).getHour()).isEqualTo(15);
        assertThat(cadence.latestPrompt(at(2027, 4, 1, 12))).contains(first);
    }

    @Test
    void monthlyPromptsOnTheMonthsFirstSuchWeekdayAcrossTheAutumnChange() {
        Cadence cadence = new Cadence(FRIDAY_15, BERLIN, CheckInEvery.MONTHLY, null);

        Instant october = cadence.nextPrompt(at(2027, 9, 20, 9));
        Instant november = cadence.nextPrompt(october);

        assertThat(october).isEqualTo(at(2027, 10, 1, 15));
        // Berlin returns to winter time on Sunday 2027-10-31: still 15:00 local.
        assertThat(november).isEqualTo(at(2027, 11, 5, 15));
        assertThat(cadence.latestPrompt(at(2027, 10, 29, 12))).contains(october);
        assertThat(cadence.reminder(november)).isEqualTo(at(2027, 11, 8, 10));
    }

    @Test
    void weeklyStaysAsItWas() {
        Cadence cadence = new Cadence(FRIDAY_15, BERLIN);

        assertThat(cadence.nextPrompt(at(2027, 10, 1, 16))).isEqualTo(at(2027, 10, 8, 15));
    }

    private static Instant at(int year, int month, int day, int hour) {
        return ZonedDateTime.of(year, month, day, hour, 0, 0, 0, BERLIN).toInstant();
    }
}
