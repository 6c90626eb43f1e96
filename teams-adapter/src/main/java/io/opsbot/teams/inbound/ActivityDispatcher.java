package io.opsbot.teams.inbound;

import com.fasterxml.jackson.databind.JsonNode;
import io.opsbot.core.claim.Claims;
import io.opsbot.core.conversation.Reaction;
import io.opsbot.core.conversation.Reactions;
import io.opsbot.core.people.ProfileService;
import io.opsbot.teams.conversations.ConversationReferences;
import io.opsbot.teams.people.TeamsPeople;
import org.springframework.stereotype.Component;

import java.time.Duration;

/**
 * Routes an authenticated activity. Every activity first refreshes its conversation reference (the service URL may
 * change); a message or invoke from a person also records who they are (name, Teams id, client time zone) for the
 * core's profiles and the Teams people directory. Then: typed messages and card submits go to the core, each message
 * activity once (claimed by its id, since the Bot Connector redelivers an activity the bot answered slowly or with a
 * 5xx); adaptiveCard/action and message extension invokes are answered in the response, installs are welcomed, people
 * added to a team are announced as joins, reactions to the bot's messages go to the core (a vote on a triage card), and
 * everything else is acknowledged and ignored.
 */
@Component
class ActivityDispatcher {

    /** Longer than the Bot Connector keeps redelivering an activity it got no answer for. */
    static final Duration REMEMBER_ACTIVITIES = Duration.ofDays(1);

    private final ConversationReferences references;
    private final TextMessages textMessages;
    private final CardSubmissions cardSubmissions;
    private final Installations installations;
    private final TeamMemberJoins memberJoins;
    private final TeamsPeople people;
    private final ProfileService profiles;
    private final MessageExtensions messageExtensions;
    private final Claims claims;
    private final Reactions reactions;

    ActivityDispatcher(Reactions reactions, ConversationReferences references, TextMessages textMessages, CardSubmissions cardSubmissions,
                       Installations installations, TeamMemberJoins memberJoins, TeamsPeople people,
                       ProfileService profiles, MessageExtensions messageExtensions, Claims claims) {
        this.reactions = reactions;
        this.messageExtensions = messageExtensions;
        this.claims = claims;
        this.references = references;
        this.people = people;
        this.profiles = profiles;
        this.textMessages = textMessages;
        this.cardSubmissions = cardSubmissions;
        this.installations = installations;
        this.memberJoins = memberJoins;
    }

    InboundResult dispatch(InboundActivity inbound) {
        references.recordInbound(inbound.seen());
        String type = inbound.type();
        if (("message".equals(type) || "invoke".equals(type)) && inbound.userId() != null) {
            people.seen(inbound.tenant(), inbound.aadObjectId(), inbound.userId(), inbound.userName(), inbound.zone());
            profiles.seen(inbound.invoker());
        }
        if ("message".equals(type)) {
            String claim = "teams-activity:" + inbound.tenant().key() + ":" + inbound.baseConversationId() + ":"
                    + inbound.id();
            // Not waited on to reach the disk: what handling the activity stores durably (the item it saves) carries
            // the claim with it, and an activity answered 200 is not redelivered, so a crash loses only the claim of
            // an activity that stored nothing lasting, whose redelivery changes nothing.
            if (inbound.id() != null && !claims.claimUnjournaled(claim, REMEMBER_ACTIVITIES)) {
                return InboundResult.ok();
            }
            try {
                if (inbound.value().isObject() && !inbound.value().isEmpty()) {
                    cardSubmissions.onMessageSubmit(inbound);
                } else if (inbound.userId() != null) {
                    textMessages.handle(inbound);
                }
            } catch (RuntimeException e) {
                // Not handled after all: the connector's redelivery must find the activity unclaimed.
                claims.release(claim);
                throw e;
            }
        } else if ("invoke".equals(type) && CardSubmissions.INVOKE_NAME.equals(inbound.name())) {
            return cardSubmissions.onInvoke(inbound);
        } else if ("invoke".equals(type) && MessageExtensions.handles(inbound.name())) {
            return messageExtensions.onInvoke(inbound);
        } else if ("conversationUpdate".equals(type)) {
            installations.onConversationUpdate(inbound);
            memberJoins.onConversationUpdate(inbound);
        } else if ("installationUpdate".equals(type)) {
            installations.onInstallationUpdate(inbound);
        } else if ("messageReaction".equals(type)) {
            onReactions(inbound);
        }
        return InboundResult.ok();
    }

    /**
     * Reactions added to one of the bot's messages (Teams sends {@code messageReaction} only for those): each handed to
     * the core with the message it is on ({@code replyToId}) in its conversation (a channel post's reply chain is the
     * channel). Removed reactions are left as they are: a vote, once counted, stays.
     */
    private void onReactions(InboundActivity inbound) {
        if (inbound.userId() == null || inbound.replyToId() == null) {
            return;
        }
        for (JsonNode added : inbound.raw("reactionsAdded")) {
            String name = added.path("type").asText("");
            if (!name.isBlank()) {
                reactions.added(new Reaction(inbound.invoker(), inbound.baseConversationId(), inbound.replyToId(),
                        name));
            }
        }
    }
}
