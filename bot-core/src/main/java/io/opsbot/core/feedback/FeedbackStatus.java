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
    IN_PROGRESS("In progress", "🛠️"),
    SHIPPED("Shipped", "🚀"),
    DECLINED("Declined", "🚫"),
    /** Merged into another item ({@code feedback merge}), which carries its votes from then on. */
    DUPLICATE("Duplicate", "🔁");

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
        return this == SHIPPED || this == DECLINED || this == DUPLICATE;
    }

    /** As typed after a command: {@code under-review}. */
    public String word() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** The statuses as typed after a command: {@code new}, {@code under-review}, ... */
    public static List<String> words() {
        return Arrays.stream(values()).map(FeedbackStatus::word).toList();
    }

    /** The statuses a triager sets by hand: all but duplicate, which only a merge sets (it needs the other item). */
    public static List<String> settableWords() {
        return Arrays.stream(values()).filter(v -> v != DUPLICATE).map(FeedbackStatus::word).toList();
    }

    public static Optional<FeedbackStatus> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String t = text.strip().toUpperCase(Locale.ROOT).replace(' ', '_').replace('-', '_');
        return Arrays.stream(values()).filter(v -> v.name().equals(t)).findFirst();
    }
}
