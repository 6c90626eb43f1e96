package io.opsbot.core.okr;

import java.util.Locale;
import java.util.Optional;

/** How sure the owner is that a key result will be reached. A lower rank is worse. */
public enum Confidence {
    ON_TRACK("on track", "🟢", 2),
    AT_RISK("at risk", "🟡", 1),
    OFF_TRACK("off track", "🔴", 0);

    private final String label;
    private final String emoji;
    private final int rank;

    Confidence(String label, String emoji, int rank) {
        this.label = label;
        this.emoji = emoji;
        this.rank = rank;
    }

    /** 2 on track, 1 at risk, 0 off track: where a chart draws it. */
    public int rank() {
        return rank;
    }

    public String label() {
        return label;
    }

    public String emoji() {
        return emoji;
    }

    /** True when {@code this} is less confident than {@code before}. */
    public boolean worseThan(Confidence before) {
        return rank < before.rank;
    }

    /**
     * Reads an answer: the label with or without space or dash, the enum name, a traffic-light colour or emoji, or
     * 1 (on track), 2 (at risk), 3 (off track) as the dialog offers them.
     */
    public static Optional<Confidence> parse(String text) {
        String t = text == null ? "" : text.strip().toLowerCase(Locale.ROOT).replaceAll("[\\s_-]+", " ");
        switch (t) {
            case "on track", "ontrack", "on", "green", "good", "1", "🟢" -> {
                return Optional.of(ON_TRACK);
            }
            case "at risk", "atrisk", "risk", "risky", "amber", "yellow", "2", "🟡" -> {
                return Optional.of(AT_RISK);
            }
            case "off track", "offtrack", "off", "red", "3", "🔴" -> {
                return Optional.of(OFF_TRACK);
            }
            default -> {
                return Optional.empty();
            }
        }
    }
}
