package io.opsbot.core.conversation;

import java.util.Objects;

/**
 * Someone added an emoji reaction to a message: who, the conversation and message id as the platform names them (a
 * Slack channel and ts; a Teams conversation and activity id, as the bot's own sends returned them), and the
 * reaction's name ({@code +1}, {@code thumbsup}; Teams: {@code like}, {@code heart}, ...).
 */
public record Reaction(Invoker invoker, String conversationId, String messageId, String name) {

    public Reaction {
        Objects.requireNonNull(invoker, "invoker");
        Objects.requireNonNull(conversationId, "conversationId");
        Objects.requireNonNull(messageId, "messageId");
        Objects.requireNonNull(name, "name");
    }
}
