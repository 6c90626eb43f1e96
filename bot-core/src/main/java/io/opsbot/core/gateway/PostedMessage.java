package io.opsbot.core.gateway;

import java.util.Objects;

/**
 * A message the bot has sent, with what is needed to update it later: the conversation it ended up in (for a direct
 * message, the DM channel or 1:1 conversation id) and its platform message id (Slack ts, Teams activity id).
 */
public record PostedMessage(Destination destination, String conversationId, String messageId) {

    public PostedMessage {
        Objects.requireNonNull(destination, "destination");
        Objects.requireNonNull(conversationId, "conversationId");
        Objects.requireNonNull(messageId, "messageId");
    }

    /** The thread under this message, for replies. */
    public Destination.Channel thread() {
        return new Destination.Channel(destination.tenant(), conversationId, messageId);
    }
}
