package io.opsbot.core.feedback;

import io.opsbot.core.config.OpsBotProperties;
import io.opsbot.core.conversation.Reaction;
import io.opsbot.core.conversation.ReactionHandler;
import io.opsbot.core.delivery.Delivery;
import io.opsbot.core.delivery.Outbox;
import org.springframework.stereotype.Component;

import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A vote by reaction: the configured emoji ({@code opsbot.feedback.vote-reactions}, 👍 by default) on a triage card
 * counts as "Me too" from whoever reacted. The card is found by the message the reaction is on (the triage post the
 * outbox made); reactions to anything else are none of feedback's business.
 */
@Component
class FeedbackReactions implements ReactionHandler {

    private final FeedbackService feedback;
    private final Outbox outbox;
    private final Set<String> votes;

    FeedbackReactions(FeedbackService feedback, Outbox outbox, OpsBotProperties properties) {
        this.feedback = feedback;
        this.outbox = outbox;
        this.votes = properties.feedback().voteReactions().stream().map(FeedbackReactions::name)
                .collect(Collectors.toUnmodifiableSet());
    }

    @Override
    public void onReaction(Reaction reaction) {
        if (!votes.contains(name(reaction.name()))) {
            return;
        }
        outbox.findByPost(FeedbackTriage.KEY_PREFIX, reaction.conversationId(), reaction.messageId())
                .map(Delivery::getKey).map(key -> key.substring(FeedbackTriage.KEY_PREFIX.length()))
                .ifPresent(itemId -> feedback.vote(reaction.invoker(), itemId, null, Vote.Source.REACTION));
    }

    /** Slack's {@code +1::skin-tone-3} is the {@code +1} emoji; names are compared without case. */
    private static String name(String reaction) {
        int tone = reaction.indexOf("::");
        return (tone < 0 ? reaction : reaction.substring(0, tone)).strip().toLowerCase(Locale.ROOT);
    }
}
