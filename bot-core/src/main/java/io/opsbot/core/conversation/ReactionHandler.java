package io.opsbot.core.conversation;

/** A feature that acts on reactions to the bot's messages (a vote on a triage card): a Spring bean. */
public interface ReactionHandler {

    /** Called for every reaction the platform reports; most are to messages the handler does not know. */
    void onReaction(Reaction reaction);
}
