package io.opsbot.core.schedule;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * "On these weekdays at this local time", evaluated in a given IANA zone. Computed with java.time, so a 09:00 ritual
 * stays at 09:00 local across daylight-saving changes; a time that does not exist on a spring-forward day (02:30) moves
 * to just after the gap, and on a fall-back day the earlier of the two 01:30s is used.
 */
public record WeeklySchedule(Set<DayOfWeek> days, LocalTime time) {

    public WeeklySchedule {
        if (days == null || days.isEmpty()) {
            throw new IllegalArgumentException("a schedule needs at least one day");
        }
        days = Set.copyOf(EnumSet.copyOf(days));
    }

    /** The first occurrence strictly after {@code after}. */
    public Instant next(Instant after, ZoneId zone) {
        LocalDate date = after.atZone(zone).toLocalDate();
        for (int i = 0; i <= 8; i++) {
            Optional<Instant> at = at(date.plusDays(i), zone);
            if (at.isPresent() && at.get().isAfter(after)) {
                return at.get();
            }
        }
        throw new IllegalStateException("no occurrence within a week");
    }

    /** The last occurrence at or before {@code atOrBefore}, within the past week; empty if none. */
    public Optional<Instant> latest(Instant atOrBefore, ZoneId zone) {
        LocalDate date = atOrBefore.atZone(zone).toLocalDate();
        for (int i = 0; i <= 7; i++) {
            Optional<Instant> at = at(date.minusDays(i), zone);
            if (at.isPresent() && !at.get().isAfter(atOrBefore)) {
                return at;
            }
        }
        return Optional.empty();
    }

    /** The occurrence on a date, if that date is one of the days. */
    public Optional<Instant> at(LocalDate date, ZoneId zone) {
        if (!days.contains(date.getDayOfWeek())) {
            return Optional.empty();
        }
        return Optional.of(ZonedDateTime.of(date, time, zone).toInstant());
    }
}
