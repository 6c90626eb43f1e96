package io.opsbot.core.feedback;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

public enum FeedbackType {
    BUG("Bug"),
    FEATURE_REQUEST("Feature request"),
    IMPROVEMENT("Improvement"),
    PRAISE("Praise"),
    QUESTION("Question");

    private final String label;

    FeedbackType(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** Reads a form value ({@code BUG}) or a typed prefix ({@code bug}, {@code feature}, {@code idea}). */
    public static Optional<FeedbackType> parse(String text) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        String t = text.strip().toUpperCase(Locale.ROOT).replace(' ', '_').replace('-', '_');
        return switch (t) {
            case "FEATURE", "IDEA", "REQUEST" -> Optional.of(FEATURE_REQUEST);
            default -> Arrays.stream(values()).filter(v -> v.name().equals(t)).findFirst();
        };
    }
}
