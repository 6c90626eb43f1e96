package io.opsbot.core.onboarding;

import io.opsbot.core.conversation.UserError;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * When a step comes, counted from the day someone starts: {@code day 1} is the first day, {@code day 3} two days
 * later, {@code week 2} the first day of the second week (day 8). Stored as the day number.
 */
public final class DayOffset {

    /** What a day offset may look like: {@code day 3}, {@code d3}, {@code week 2}, {@code w2}, or just {@code 3}. */
    public static final String PATTERN = "(?i)\\s*(?:(?:day|d)\\s*(\\d{1,3})|(?:week|w)\\s*(\\d{1,2})|(\\d{1,3}))\\s*";
    private static final Pattern OFFSET = Pattern.compile(PATTERN);
    static final int MAX_DAY = 365;

    private DayOffset() {
    }

    /** The day number (1 = the start day). */
    public static int parse(String text) {
        Matcher m = OFFSET.matcher(text == null ? "" : text);
        if (!m.matches()) {
            throw new UserError("\"" + text + "\" is not a day: write day 1, day 3 or week 2.");
        }
        int day;
        if (m.group(1) != null) {
            day = Integer.parseInt(m.group(1));
        } else if (m.group(2) != null) {
            int week = Integer.parseInt(m.group(2));
            day = week < 1 ? 0 : (week - 1) * 7 + 1;
        } else {
            day = Integer.parseInt(m.group(3));
        }
        if (day < 1 || day > MAX_DAY) {
            throw new UserError("\"" + text + "\" is out of range: days go from day 1 to day " + MAX_DAY + ".");
        }
        return day;
    }

    /** {@code week 2} for the first day of a week after the first, else {@code day 3}. */
    public static String format(int day) {
        if (day > 1 && (day - 1) % 7 == 0) {
            return "week " + ((day - 1) / 7 + 1);
        }
        return "day " + day;
    }

    static String label(int day) {
        String text = format(day);
        return text.substring(0, 1).toUpperCase(Locale.ROOT) + text.substring(1);
    }
}
