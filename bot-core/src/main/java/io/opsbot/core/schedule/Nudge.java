package io.opsbot.core.schedule;

import java.time.Instant;
import java.util.Objects;

/**
 * A scheduled wake-up: which handler ({@code kind}), about what ({@code subject}, e.g. a standup id or a run), for
 * which part of it ({@code group}, e.g. one time zone's participants), at which instant.
 */
public record Nudge(String kind, String subject, String group, Instant at) {

    public Nudge {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(subject, "subject");
        group = group == null ? "" : group;
        Objects.requireNonNull(at, "at");
        if (kind.contains("|") || subject.contains("|") || group.contains("|")) {
            throw new IllegalArgumentException("'|' is reserved in nudge names");
        }
    }
}
