package io.opsbot.core.okr;

import io.opsbot.core.conversation.UserError;

import java.time.LocalDate;
import java.util.Locale;

/**
 * How often owners are asked to check in, on the tenant's weekday: every week, every other week (counted from the week
 * the admin chose it), or on the month's first such weekday.
 */
public enum CheckInEvery {
    WEEKLY("week", "every", "Weekly"),
    BIWEEKLY("two weeks", "every other", "Biweekly"),
    MONTHLY("month", "the first", "Monthly");

    /** Monday 1970-01-05: weeks are counted from it. */
    private static final long FIRST_MONDAY = 4;

    private final String period;
    private final String phrase;
    private final String adjective;

    CheckInEvery(String period, String phrase, String adjective) {
        this.period = period;
        this.phrase = phrase;
        this.adjective = adjective;
    }

    /** "Weekly", "Biweekly", "Monthly": what a prompt calls its check-in. */
    public String adjective() {
        return adjective;
    }

    /** "week", "two weeks", "month": what "checked in this ..." speaks of. */
    public String period() {
        return period;
    }

    /** "every Friday", "every other Friday", "the first Friday of each month". */
    public String describe(String dayName) {
        return phrase + " " + dayName + (this == MONTHLY ? " of each month" : "");
    }

    /**
     * Whether a date (already on the right weekday) is a check-in date. {@code anchor} is a date in a week that
     * prompts, for every other week (null counts from 1970-01-05).
     */
    boolean includes(LocalDate date, LocalDate anchor) {
        return switch (this) {
            case WEEKLY -> true;
            case BIWEEKLY -> Math.floorMod(week(date) - week(anchor == null ? LocalDate.ofEpochDay(FIRST_MONDAY)
                    : anchor), 2) == 0;
            case MONTHLY -> date.getDayOfMonth() <= 7;
        };
    }

    private static long week(LocalDate date) {
        return Math.floorDiv(date.toEpochDay() - FIRST_MONDAY, 7);
    }

    /** {@code weekly}, {@code biweekly} / {@code fortnightly} / {@code every-2-weeks}, {@code monthly}. */
    static CheckInEvery parse(String text) {
        return switch (text.strip().toLowerCase(Locale.ROOT)) {
            case "weekly", "week", "every-week" -> WEEKLY;
            case "biweekly", "fortnightly", "every-2-weeks", "every-other-week" -> BIWEEKLY;
            case "monthly", "month" -> MONTHLY;
            default -> throw new UserError("Say weekly, biweekly (every two weeks) or "
                    + "monthly (the first such weekday of each month).");
        };
    }
}
