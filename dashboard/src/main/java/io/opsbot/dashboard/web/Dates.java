package io.opsbot.dashboard.web;

import org.springframework.stereotype.Component;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** Dates as pages show them, in UTC (the zone the page names): {@code ${@dates.day(item.createdAt)}}. */
@Component("dates")
public class Dates {

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMM yyyy", Locale.ENGLISH)
            .withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter DAY_TIME = DateTimeFormatter.ofPattern("d MMM yyyy, HH:mm 'UTC'",
            Locale.ENGLISH).withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter SHORT = DateTimeFormatter.ofPattern("EEE d MMM", Locale.ENGLISH);

    public String day(Instant at) {
        return at == null ? "" : DAY.format(at);
    }

    public String dayTime(Instant at) {
        return at == null ? "" : DAY_TIME.format(at);
    }

    public String day(LocalDate date) {
        return date == null ? "" : SHORT.format(date);
    }
}
