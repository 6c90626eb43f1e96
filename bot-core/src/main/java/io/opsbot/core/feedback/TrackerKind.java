package io.opsbot.core.feedback;

import java.util.Locale;
import java.util.Optional;

/** The engineering trackers a tenant can connect feedback to. */
public enum TrackerKind {
    JIRA("Jira", "Jira issue"),
    TRELLO("Trello", "Trello card");

    private final String label;
    private final String thing;

    TrackerKind(String label, String thing) {
        this.label = label;
        this.thing = thing;
    }

    public String label() {
        return label;
    }

    /** What one linked record is called: "Jira issue", "Trello card". */
    public String thing() {
        return thing;
    }

    /** As typed after a command: {@code jira}. */
    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<TrackerKind> parse(String text) {
        for (TrackerKind kind : values()) {
            if (kind.word().equalsIgnoreCase(text == null ? "" : text.strip())) {
                return Optional.of(kind);
            }
        }
        return Optional.empty();
    }
}
