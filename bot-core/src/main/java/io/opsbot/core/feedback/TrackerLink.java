package io.opsbot.core.feedback;

import io.opsbot.core.tenant.UserRef;

import java.time.Instant;

/**
 * The Jira issue or Trello card an item is linked to: {@code key} is the issue key ({@code PROJ-12}) or the card's id,
 * {@code url} where people open it; who linked it (the person told if a status it brings back cannot be applied,
 * and named in the audit log for changes the tracker makes).
 */
public record TrackerLink(TrackerKind kind, String key, String title, String url, UserRef linkedBy,
                          String linkedByName, Instant linkedAt) {

    /** How the card and messages name it: {@code PROJ-12}, or the card's title on Trello. */
    public String label() {
        return kind == TrackerKind.JIRA ? key : "Trello card “" + title + "”";
    }
}
