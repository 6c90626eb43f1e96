package io.opsbot.core.okr;

import io.opsbot.core.conversation.UserError;

import java.math.BigDecimal;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.Locale;
import java.util.Set;

/**
 * Reading, checking and showing the values of a key result.
 *
 * <p>The bounds rule: a value is refused when it lies more than ten times the start-to-target distance outside that
 * range, i.e. outside {@code [min(start,target) - 10*|target-start|, max(start,target) + 10*|target-start|]}. A
 * metric whose start and target are both zero or more (sign-ups, revenue, churn) never goes below zero, and a
 * percentage stays within 0..100. So "cut churn from 5% to 3%" accepts 0%..25%, and "grow ARR from 0 to 100,000"
 * accepts 0..1,100,000: typos such as an extra zero or a forgotten decimal point are caught, real overshoots are not.
 */
public final class MetricValues {

    static final BigDecimal HUNDRED = BigDecimal.valueOf(100);
    static final BigDecimal SLACK_FACTOR = BigDecimal.TEN;

    private static final Set<String> DONE_WORDS = Set.of("done", "yes", "y", "true", "1", "100", "100%", "complete",
            "completed", "finished", "shipped", "✅");
    private static final Set<String> NOT_DONE_WORDS = Set.of("not done", "notdone", "no", "n", "false", "0", "0%",
            "not yet", "open", "todo", "to do", "in progress", "❌");

    private MetricValues() {
    }

    /** The lowest and highest value a key result accepts (see the class comment). */
    public record Range(BigDecimal min, BigDecimal max) {
        public boolean contains(BigDecimal value) {
            return value.compareTo(min) >= 0 && value.compareTo(max) <= 0;
        }
    }

    public static Range range(MetricType metric, BigDecimal start, BigDecimal target) {
        if (metric == MetricType.DONE) {
            return new Range(BigDecimal.ZERO, BigDecimal.ONE);
        }
        BigDecimal lo = start.min(target);
        BigDecimal hi = start.max(target);
        BigDecimal room = hi.subtract(lo).multiply(SLACK_FACTOR);
        BigDecimal min = lo.subtract(room);
        BigDecimal max = hi.add(room);
        if (lo.signum() >= 0) {
            min = min.max(BigDecimal.ZERO);
        }
        if (metric == MetricType.PERCENTAGE) {
            min = min.max(BigDecimal.ZERO);
            max = max.min(HUNDRED);
        }
        return new Range(min, max);
    }

    public static Range range(KeyResult kr) {
        return range(kr.getMetric(), kr.getStart(), kr.getTarget());
    }

    /**
     * Reads a new value typed for a key result: "4.2", "4.2%", "$1,200", "1 200 USD", "12 signups"; "done" or "not
     * done" for done / not done. Throws a {@link UserError} saying what to type when it is not a value or out of
     * range.
     */
    public static BigDecimal parse(KeyResult kr, String text) {
        BigDecimal value = read(kr.getMetric(), kr.getUnit(), text, kr.reference().toString());
        check(kr.getMetric(), kr.getStart(), kr.getTarget(), value, kr.getUnit(), kr.reference().toString());
        return value;
    }

    /** Reads a value without a range check (the start or target of a key result being defined). */
    static BigDecimal read(MetricType metric, String unit, String text, String what) {
        String raw = text == null ? "" : text.strip();
        String t = raw.toLowerCase(Locale.ROOT).replaceAll("\\s+", " ");
        if (metric == MetricType.DONE) {
            if (DONE_WORDS.contains(t)) {
                return BigDecimal.ONE;
            }
            if (NOT_DONE_WORDS.contains(t)) {
                return BigDecimal.ZERO;
            }
            throw new UserError("For " + what + " answer done or not done (you wrote \"" + shortened(raw) + "\").");
        }
        String cleaned = t;
        if (unit != null && !unit.isBlank()) {
            cleaned = cleaned.replace(unit.strip().toLowerCase(Locale.ROOT), "");
        }
        cleaned = cleaned.replaceAll("[\\s,%$€£¥]", "");
        if (!cleaned.matches("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)")) {
            throw new UserError("\"" + shortened(raw) + "\" is not a number. Enter the value of " + what
                    + " as a number, e.g. " + example(metric, unit) + ".");
        }
        return new BigDecimal(cleaned).stripTrailingZeros();
    }

    static void check(MetricType metric, BigDecimal start, BigDecimal target, BigDecimal value, String unit,
                      String what) {
        Range range = range(metric, start, target);
        if (!range.contains(value)) {
            throw new UserError(format(metric, unit, value) + " is outside what " + what + " can be: enter a value "
                    + "from " + format(metric, unit, range.min()) + " to " + format(metric, unit, range.max())
                    + " (it goes from " + format(metric, unit, start) + " to " + format(metric, unit, target) + ").");
        }
    }

    /** A value as people read it: "4.2%", "$1,200", "1,200 EUR", "12 signups", "done". */
    public static String format(MetricType metric, String unit, BigDecimal value) {
        if (value == null) {
            return "—";
        }
        if (metric == MetricType.DONE) {
            return value.signum() > 0 ? "done" : "not done";
        }
        String number = new DecimalFormat("#,##0.##", DecimalFormatSymbols.getInstance(Locale.ROOT)).format(value);
        String u = unit == null ? "" : unit.strip();
        if (metric == MetricType.PERCENTAGE) {
            return number + "%";
        }
        if (u.isEmpty()) {
            return number;
        }
        if (metric == MetricType.CURRENCY && u.length() == 1) {
            return value.signum() < 0 ? "-" + u + number.substring(1) : u + number;
        }
        return number + " " + u;
    }

    public static String format(KeyResult kr, BigDecimal value) {
        return format(kr.getMetric(), kr.getUnit(), value);
    }

    private static String example(MetricType metric, String unit) {
        return switch (metric) {
            case PERCENTAGE -> "4.5";
            case CURRENCY -> "1200";
            default -> unit == null || unit.isBlank() ? "42" : "42 " + unit.strip();
        };
    }

    private static String shortened(String text) {
        return text.length() > 40 ? text.substring(0, 39) + "…" : text;
    }
}
