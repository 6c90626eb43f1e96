package io.opsbot.core.conversation;

import io.opsbot.core.tenant.UserRef;

/**
 * An existing chat message a user acts on ("Save as feedback"): its text, its author (null if a bot or unknown) and a
 * link back to it (null if the platform gives none).
 */
public record SharedMessage(String text, UserRef author, String authorName, String link) {

    public SharedMessage {
        text = text == null ? "" : text;
    }
}
