package io.opsbot.core.okr;

import io.opsbot.core.schedule.WeeklySchedule;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Optional;

/**
 * The times of one owner's check-in week, in the owner's zone: the prompt (the tenant's weekday and time), the one
 * reminder (the next weekday at 10:00) and the window in which a check-in counts for that week (from a day before the
 * prompt, so answering the evening before counts, until the next prompt).
 */
public record Cadence(WeeklySchedule schedule, ZoneId zone) {

    public static final LocalTime REMINDER_TIME = LocalTime.of(10, 0);
    /** A check-in this long before the prompt already counts for the week. */
    public static final Duration EARLY = Duration.ofDays(1);

    /** The first prompt strictly after {@code after}. */
    public Instant nextPrompt(Instant after) {
        return schedule.next(after, zone);
    }

    /** The last prompt at or before {@code atOrBefore}, within the past week. */
    public Optional<Instant> latestPrompt(Instant atOrBefore) {
        return schedule.latest(atOrBefore, zone);
    }

    /** The owner's local date of a prompt: the week's id in claim keys. */
    public LocalDate period(Instant prompt) {
        return prompt.atZone(zone).toLocalDate();
    }

    /** The reminder after a prompt: the next weekday (Monday to Friday) at 10:00 local. */
    public Instant reminder(Instant prompt) {
        LocalDate day = period(prompt).plusDays(1);
        while (day.getDayOfWeek() == DayOfWeek.SATURDAY || day.getDayOfWeek() == DayOfWeek.SUNDAY) {
            day = day.plusDays(1);
        }
        return ZonedDateTime.of(day, REMINDER_TIME, zone).toInstant();
    }

    /** From when a check-in counts for the week of this prompt. */
    public static Instant windowStart(Instant prompt) {
        return prompt.minus(EARLY);
    }
}
