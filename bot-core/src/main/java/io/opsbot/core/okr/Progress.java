package io.opsbot.core.okr;

import java.math.BigDecimal;
import java.math.MathContext;

/**
 * Progress of a key result: {@code (current - start) / (target - start)}, clamped to 0..1. The same formula works for
 * decreasing targets ("cut churn from 5% to 3%": at 4% both differences are negative and progress is 50%); a value
 * beyond the target counts as 100%, one that moved the wrong way as 0%. Done / not done is 0 or 1.
 */
public final class Progress {

    public static final int BAR_CELLS = 10;
    private static final String FULL = "▓";
    private static final String EMPTY = "░";

    private Progress() {
    }

    public static double fraction(MetricType metric, BigDecimal start, BigDecimal target, BigDecimal current) {
        if (current == null) {
            return 0;
        }
        if (metric == MetricType.DONE) {
            return current.signum() > 0 ? 1 : 0;
        }
        BigDecimal span = target.subtract(start);
        if (span.signum() == 0) {
            // Nothing to move: reached when the value is at the target. Key results are not created like this.
            return current.compareTo(target) == 0 ? 1 : 0;
        }
        double f = current.subtract(start).divide(span, MathContext.DECIMAL64).doubleValue();
        return Math.max(0, Math.min(1, f));
    }

    public static double of(KeyResult kr) {
        return fraction(kr.getMetric(), kr.getStart(), kr.getTarget(), kr.getCurrent());
    }

    /** Whole percent, rounded down, so 99.6% never shows as done. */
    public static int percent(double fraction) {
        return (int) Math.floor(fraction * 100 + 1e-9);
    }

    /** A text bar, e.g. {@code ▓▓▓▓░░░░░░ 40%}: one cell per full 10%. */
    public static String bar(double fraction) {
        int pct = percent(fraction);
        int full = Math.min(BAR_CELLS, pct / (100 / BAR_CELLS));
        return FULL.repeat(full) + EMPTY.repeat(BAR_CELLS - full) + " " + pct + "%";
    }
}
