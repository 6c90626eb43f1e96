package io.opsbot.teams.inbound;

import com.microsoft.bot.schema.Activity;
import io.opsbot.core.conversation.Response;
import io.opsbot.core.form.Form;
import io.opsbot.core.gateway.DeliveryException;
import io.opsbot.core.tenant.TenantRef;
import io.opsbot.teams.cards.AdaptiveCard;
import io.opsbot.teams.cards.FormCardRenderer;
import io.opsbot.teams.connector.ConnectorClients;
import io.opsbot.teams.connector.ConnectorFailures;
import io.opsbot.teams.forms.FormCards;
import io.opsbot.teams.forms.PickerChoicesSource;
import io.opsbot.teams.outbound.OutboundActivities;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Answers in the conversation an activity came from, through the connector at the activity's service URL. A failed
 * reply is logged, never thrown: the inbound request still gets its 200 so Teams does not report the bot as down.
 */
@Component
class ConversationReplies {

    private static final Logger log = LoggerFactory.getLogger(ConversationReplies.class);

    private final ConnectorClients connectors;
    private final FormCards formCards;

    private final PickerChoicesSource pickers;

    ConversationReplies(ConnectorClients connectors, FormCards formCards, PickerChoicesSource pickers) {
        this.pickers = pickers;
        this.connectors = connectors;
        this.formCards = formCards;
    }

    /** Sends what the core answered; an update without a message to update becomes a new message. */
    void respond(InboundActivity inbound, Response response) {
        if (response instanceof Response.Reply reply) {
            send(inbound, OutboundActivities.of(reply.message()));
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
