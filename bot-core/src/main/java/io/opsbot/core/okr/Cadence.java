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
 * The times of one owner's check-in period, in the owner's zone: the prompt (the tenant's weekday and time, every
 * week, every other week or the month's first such weekday), the one reminder (the next weekday at 10:00) and the
 * window in which a check-in counts for that period (from a day before the prompt, so answering the evening before
 * counts, until the next prompt). Dates are found in the zone's calendar and the time placed with java.time, so a
 * prompt stays at its local time across daylight-saving changes (see {@link WeeklySchedule}).
 */
public record Cadence(WeeklySchedule schedule, ZoneId zone, CheckInEvery every, LocalDate anchor) {

    /** Days searched for a prompt: a month and a week covers every {@link CheckInEvery}. */
    private static final int SEARCH_DAYS = 40;

    public Cadence(WeeklySchedule schedule, ZoneId zone) {
        this(schedule, zone, CheckInEvery.WEEKLY, null);
    }

    public static final LocalTime REMINDER_TIME = LocalTime.of(10, 0);
    /** A check-in this long before the prompt already counts for the week. */
    public static final Duration EARLY = Duration.ofDays(1);

    /** The first prompt strictly after {@code after}. */
    public Instant nextPrompt(Instant after) {
        LocalDate date = after.atZone(zone).toLocalDate();
        for (int i = 0; i <= SEARCH_DAYS; i++) {
            Optional<Instant> at = promptOn(date.plusDays(i));
            if (at.isPresent() && at.get().isAfter(after)) {
                return at.get();
            }
        }
        throw new IllegalStateException("no check-in prompt within " + SEARCH_DAYS + " days");
    }

    /** The last prompt at or before {@code atOrBefore}, within the past period. */
    public Optional<Instant> latestPrompt(Instant atOrBefore) {
        LocalDate date = atOrBefore.atZone(zone).toLocalDate();
        for (int i = 0; i <= SEARCH_DAYS; i++) {
            Optional<Instant> at = promptOn(date.minusDays(i));
            if (at.isPresent() && !at.get().isAfter(atOrBefore)) {
                return at;
            }
        }
        return Optional.empty();
    }

    private Optional<Instant> promptOn(LocalDate date) {
        return every.includes(date, anchor) ? schedule.at(date, zone) : Optional.empty();
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
