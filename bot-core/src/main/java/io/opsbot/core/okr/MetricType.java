package io.opsbot.core.okr;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** How a key result is measured. Percentages and currency are numbers with a unit; done / not done is 0 or 1. */
public enum MetricType {
    NUMBER("number"),
    PERCENTAGE("percentage"),
    CURRENCY("currency"),
    DONE("done / not done");

    private final String label;

    MetricType(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    public boolean numeric() {
        return this != DONE;
    }

    /** Accepts the enum name or the label, plus common short forms ({@code %}, {@code money}, {@code done}). */
    public static Optional<MetricType> parse(String text) {
        String t = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
        switch (t) {
            case "%", "percent", "pct" -> {
                return Optional.of(PERCENTAGE);
            }
            case "money", "$", "€", "£" -> {
                return Optional.of(CURRENCY);
            }
            case "done", "binary", "done-not-done", "done/not done", "done_not_done", "yes/no" -> {
                return Optional.of(DONE);
            }
            default -> {
                return Arrays.stream(values()).filter(m -> m.name().equalsIgnoreCase(t) || m.label.equals(t))
                        .findFirst();
            }
        }
    }
}
