package io.opsbot.teams.inbound;

import com.microsoft.bot.schema.Activity;
import io.opsbot.core.conversation.Response;
import io.opsbot.core.delivery.Outbox;
import io.opsbot.core.form.Form;
import io.opsbot.core.gateway.DeliveryException;
import io.opsbot.core.gateway.Destination;
import io.opsbot.core.message.Message;
import io.opsbot.core.tenant.TenantRef;
import io.opsbot.teams.cards.AdaptiveCard;
import io.opsbot.teams.cards.FormCardRenderer;
import io.opsbot.teams.connector.ConnectorClients;
import io.opsbot.teams.connector.ConnectorFailures;
import io.opsbot.teams.forms.FormCards;
import io.opsbot.teams.forms.PickerChoicesSource;
import io.opsbot.teams.outbound.OutboundActivities;
import io.opsbot.teams.outbound.TeamsPacing;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.util.UUID;

/**
 * Answers in the conversation an activity came from, through the connector at the activity's service URL. A failed
 * reply is never thrown: the inbound request still gets its 200 so Teams does not report the bot as down; a reply
 * message refused for now goes to the outbox to be retried.
 */
@Component
class ConversationReplies {

    private static final Logger log = LoggerFactory.getLogger(ConversationReplies.class);

    /** A reply that could not go out for a day is no longer an answer to anything. */
    static final Duration REPLY_STILL_USEFUL = Duration.ofDays(1);

    private final ConnectorClients connectors;
    private final FormCards formCards;
    private final PickerChoicesSource pickers;
    private final Outbox outbox;
    private final TeamsPacing pacing;
    private final Clock clock;

    ConversationReplies(ConnectorClients connectors, FormCards formCards, PickerChoicesSource pickers, Outbox outbox,
                        TeamsPacing pacing, Clock clock) {
        this.pacing = pacing;
        this.pickers = pickers;
        this.connectors = connectors;
        this.formCards = formCards;
        this.outbox = outbox;
        this.clock = clock;
    }

    /** Sends what the core answered; an update without a message to update becomes a new message. */
    void respond(InboundActivity inbound, Response response) {
        if (response instanceof Response.Reply reply) {
            reply(inbound, reply.message());
            // The further parts of a long answer (a report), in order.
            for (int i = 0; i < reply.more().size(); i++) {
                reply(inbound, reply.more().get(i), ":" + (i + 1));
            }
        } else if (response instanceof Response.ShowForm show) {
            send(inbound, formActivity(inbound.tenant(), show.form()));
        } else if (response instanceof Response.UpdateMessage update) {
            replaceOrSend(inbound, OutboundActivities.of(update.message()));
        }
    }

    /** A new form card; the form is stored under the nonce its submit button carries. */
    Activity formActivity(TenantRef tenant, Form form) {
        String nonce = openForm(tenant, form);
        return OutboundActivities.card(formCard(tenant, form, nonce), form.title());
    }

    /** Stores a form about to be shown; the nonce goes into its submit button. */
    String openForm(TenantRef tenant, Form form) {
        return formCards.open(tenant, form);
    }

    /** A form as a card, its people and channel inputs offering what the bot knows of the tenant. */
    AdaptiveCard formCard(TenantRef tenant, Form form, String nonce) {
        return FormCardRenderer.card(form, nonce, pickers.forTenant(tenant));
    }

    /**
     * A reply the person must see (the confirmation that their feedback was saved): sent at once, and when the
     * connector refuses it for now (5xx, 429, a network failure) handed to the outbox, which keeps it in MongoDB and
     * tries again with backoff. Keyed by the activity, so a redelivered activity never queues it twice.
     */
    void reply(InboundActivity inbound, Message message) {
        reply(inbound, message, "");
    }

    private void reply(InboundActivity inbound, Message message, String part) {
        try {
            pacing.send(inbound.tenant(), inbound.conversationId());
            ConnectorFailures.call("reply", () -> connectors.conversations(inbound.serviceUrl())
                    .sendToConversation(inbound.conversationId(), OutboundActivities.of(message)));
        } catch (DeliveryException e) {
            if (!e.retryable()) {
                log.warn("Could not reply in Teams conversation {}: {}", inbound.baseConversationId(), e.getMessage());
                return;
            }
            String key = "teams-reply:" + inbound.tenant().key() + ":" + inbound.baseConversationId() + ":"
                    + (inbound.id() != null ? inbound.id() : UUID.randomUUID()) + part;
            Destination.Channel here = new Destination.Channel(inbound.tenant(), inbound.baseConversationId(),
                    inbound.threadId());
            outbox.enqueue(key, here, message, clock.instant().plus(REPLY_STILL_USEFUL));
            log.info("Reply in Teams conversation {} refused for now ({}); the outbox retries it",
                    inbound.baseConversationId(), e.getMessage());
        }
    }

    void send(InboundActivity inbound, Activity activity) {
        sendToConversation(inbound, inbound.conversationId(), activity);
    }

    /** To a given conversation at the activity's service URL: the thread it came from, or the channel itself. */
    void sendToConversation(InboundActivity inbound, String conversationId, Activity activity) {
        try {
            ConnectorFailures.call("reply", () -> connectors.conversations(inbound.serviceUrl())
                    .sendToConversation(conversationId, activity));
        } catch (DeliveryException e) {
            if (e.reason() == DeliveryException.Reason.REJECTED) {
                // Refused for good: a bug on our side (an activity the SDK cannot even serialize), worth its trace.
                log.warn("Could not reply in Teams conversation {}: {}", inbound.baseConversationId(), e.getMessage(),
                        e);
            } else {
                log.warn("Could not reply in Teams conversation {}: {}", inbound.baseConversationId(), e.getMessage());
            }
        }
    }

    /** Replaces the message the user acted on (the activity's replyToId) in place. */
    void replaceOrSend(InboundActivity inbound, Activity activity) {
        String target = inbound.replyToId();
        if (target == null) {
            send(inbound, activity);
            return;
        }
        activity.setId(target);
        try {
            ConnectorFailures.call("update", () -> connectors.conversations(inbound.serviceUrl())
                    .updateActivity(inbound.conversationId(), target, activity));
        } catch (DeliveryException e) {
            log.warn("Could not update message {} in Teams conversation {}: {}", target,
                    inbound.baseConversationId(), e.getMessage());
        }
    }
}
