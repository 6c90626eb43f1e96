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
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Answers in the conversation an activity came from. A failed reply is never thrown: the inbound request still gets
 * its 200 so Teams does not report the bot as down. Reply messages go through the outbox (stored before the 200,
 * posted after it, retried when refused for now); cards (forms, replaced cards) go to the connector at the activity's
 * service URL at once.
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
    private final Clock clock;

    ConversationReplies(ConnectorClients connectors, FormCards formCards, PickerChoicesSource pickers, Outbox outbox,
                        Clock clock) {
        this.pickers = pickers;
        this.connectors = connectors;
        this.formCards = formCards;
        this.outbox = outbox;
        this.clock = clock;
    }

    /** Sends what the core answered; an update without a message to update becomes a new message. */
    void respond(InboundActivity inbound, Response response) {
        if (response instanceof Response.Reply reply) {
            // The further parts of a long answer (a report) follow the first, in order.
            reply(inbound, reply.parts());
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
     * A reply the person must see (the confirmation that their feedback was saved). Stored in the outbox before the
     * activity is answered, so a crash after the 200 does not lose it, and posted by the outbox right after, off the
     * request: Teams' pace for the tenant ({@link TeamsPacing}) is waited out there, not in the acknowledgement, and a
     * post the connector refuses for now is retried with backoff. Keyed by the activity, so a redelivered activity
     * never queues it twice.
     */
    void reply(InboundActivity inbound, Message message) {
        reply(inbound, List.of(message));
    }

    /** The parts of one reply, posted in order. */
    private void reply(InboundActivity inbound, List<Message> parts) {
        int number = inbound.nextReply();
        String key = "teams-reply:" + inbound.tenant().key() + ":" + inbound.baseConversationId() + ":"
                + (inbound.id() != null ? inbound.id() : UUID.randomUUID()) + (number == 0 ? "" : "/" + number);
        Destination.Channel here = new Destination.Channel(inbound.tenant(), inbound.baseConversationId(),
                inbound.threadId());
        Instant expiresAt = clock.instant().plus(REPLY_STILL_USEFUL);
        List<Outbox.Outgoing> outgoing = new ArrayList<>();
        for (int i = 0; i < parts.size(); i++) {
            outgoing.add(new Outbox.Outgoing(key + (i == 0 ? "" : ":" + i), here, parts.get(i), expiresAt));
        }
        // Kept a day once sent, as long as the activity's claim: a redelivery finds its reply queued already.
        outbox.enqueueInOrder(outgoing, expiresAt);
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
