package io.opsbot.core.conversation;

import io.opsbot.core.gateway.Destination;
import io.opsbot.core.tenant.UserRef;

/**
 * An existing chat message a user acts on ("Save as feedback"): its text, its author (null if a bot or unknown), a
 * link back to it (null if the platform gives none) and the thread a reply to it goes in (null if unknown).
 */
public record SharedMessage(String text, UserRef author, String authorName, String link, Destination.Channel thread) {

    public SharedMessage {
        text = text == null ? "" : text;
    }

    public SharedMessage(String text, UserRef author, String authorName, String link) {
        this(text, author, authorName, link, null);
    }
}
