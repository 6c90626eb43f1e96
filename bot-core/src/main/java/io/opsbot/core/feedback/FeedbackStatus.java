package io.opsbot.core.feedback;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Where an item is on its way from "someone said this" to "we shipped it" (or decided not to). */
public enum FeedbackStatus {
    NEW("New", "🆕"),
    UNDER_REVIEW("Under review", "👀"),
    PLANNED("Planned", "🗓️"),
    SHIPPED("Shipped", "🚀"),
    DECLINED("Declined", "🚫");

    private final String label;
    private final String emoji;

    FeedbackStatus(String label, String emoji) {
        this.label = label;
        this.emoji = emoji;
    }

    public String label() {
        return label;
    }

    public String emoji() {
        return emoji;
    }

    public boolean closed() {
        return this == SHIPPED || this == DECLINED;
    }

    /** The statuses as typed after a command: {@code new}, {@code under-review}, ... */
    public static List<String> words() {
        return Arrays.stream(values()).map(v -> v.name().toLowerCase(Locale.ROOT).replace('_', '-')).toList();
    }

    public static Optional<FeedbackStatus> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String t = text.strip().toUpperCase(Locale.ROOT).replace(' ', '_').replace('-', '_');
        return Arrays.stream(values()).filter(v -> v.name().equals(t)).findFirst();
    }
}
