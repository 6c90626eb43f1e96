package io.opsbot.teams.inbound;

import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.bot.schema.AdaptiveCardInvokeResponse;
import com.microsoft.bot.schema.Serialization;
import io.opsbot.core.conversation.Action;
import io.opsbot.core.conversation.ActionRequest;
import io.opsbot.core.conversation.ConversationEngine;
import io.opsbot.core.conversation.FormSubmission;
import io.opsbot.core.conversation.Invoker;
import io.opsbot.core.conversation.Response;
import io.opsbot.core.conversation.SubmissionResult;
import io.opsbot.core.conversation.Visibility;
import io.opsbot.core.form.Form;
import io.opsbot.core.form.Input;
import io.opsbot.core.gateway.PostedMessage;
import io.opsbot.core.message.Message;
import io.opsbot.teams.cards.AdaptiveCard;
import io.opsbot.teams.cards.CardData;
import io.opsbot.teams.cards.CardJson;
import io.opsbot.teams.cards.MessageCards;
import io.opsbot.teams.forms.FormCards;
import io.opsbot.teams.outbound.OutboundActivities;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Clicks and submits on our cards. They arrive two ways with the same data: as a {@code message} activity carrying
 * {@code value} (Action.Submit, and the fallback of Action.Execute), or as an {@code adaptiveCard/action} invoke
 * (Action.Execute), which is answered in the HTTP response. Both are routed here to the core: forms to
 * {@code onSubmit}, buttons to {@code onAction}.
 */
@Component
class CardSubmissions {

    private static final Logger log = LoggerFactory.getLogger(CardSubmissions.class);

    static final String INVOKE_NAME = "adaptiveCard/action";
    static final String MESSAGE_RESPONSE = "application/vnd.microsoft.activity.message";

    private final ConversationEngine engine;
    private final FormCards formCards;
    private final ConversationReplies replies;

    CardSubmissions(ConversationEngine engine, FormCards formCards, ConversationReplies replies) {
        this.engine = engine;
        this.formCards = formCards;
        this.replies = replies;
    }

    /** A message activity with {@code value}: answer in the conversation, replacing the card when asked to. */
    void onMessageSubmit(InboundActivity inbound) {
        CardOutcome outcome = route(inbound, inbound.value(), null);
        if (outcome instanceof CardOutcome.ReplaceCard replace) {
            replies.replaceOrSend(inbound, OutboundActivities.card(replace.card(), replace.summary()));
        } else if (outcome instanceof CardOutcome.Reply reply) {
            replies.send(inbound, OutboundActivities.of(reply.message()));
        } else if (outcome instanceof CardOutcome.PostForm post) {
            replies.send(inbound, replies.formActivity(inbound.tenant(), post.form()));
        } else if (outcome instanceof CardOutcome.Notice notice) {
            replies.send(inbound, OutboundActivities.of(Message.text(notice.text())));
        }
    }

    /** An adaptiveCard/action invoke: the answer is the invoke response (a new card, or a message). */
    InboundResult onInvoke(InboundActivity inbound) {
        JsonNode action = inbound.value().path("action");
        CardOutcome outcome = route(inbound, action.path("data"), action.path("verb").asText(null));
        if (outcome instanceof CardOutcome.ReplaceCard replace) {
            return invokeResponse(AdaptiveCard.CONTENT_TYPE, CardJson.toTree(replace.card()));
        }
        if (outcome instanceof CardOutcome.Reply reply) {
            if (reply.visibility() == Visibility.IN_CONVERSATION) {
                replies.send(inbound, OutboundActivities.of(reply.message()));
                return message("Done.");
            }
            return message(reply.message().summary());
        }
        if (outcome instanceof CardOutcome.PostForm post) {
            replies.send(inbound, replies.formActivity(inbound.tenant(), post.form()));
            return message("Fill in the form below.");
        }
        if (outcome instanceof CardOutcome.Notice notice) {
            return message(notice.text());
        }
        return message("Done.");
    }

    private CardOutcome route(InboundActivity inbound, JsonNode data, String verb) {
        JsonNode ours = CardData.ours(data);
        if (ours.hasNonNull(CardData.NONCE) || ours.hasNonNull(CardData.FORM)) {
            return submitForm(inbound, data);
        }
        String actionId = ours.path(CardData.ACTION).asText(null);
        if (actionId == null || actionId.isBlank()) {
            actionId = verb;
        }
        if (actionId == null || actionId.isBlank()) {
            log.info("Ignoring a card action without our data in Teams conversation {}",
                    inbound.baseConversationId());
            return new CardOutcome.Notice(Action.NO_LONGER_ACTIVE);
        }
        return clickButton(inbound, actionId, ours.path(CardData.VALUE).asText(""));
    }

    private CardOutcome submitForm(InboundActivity inbound, JsonNode data) {
        String nonce = CardData.ours(data).path(CardData.NONCE).asText(null);
        FormCards.Claim claim = formCards.claim(inbound.tenant(), nonce);
        if (claim instanceof FormCards.AlreadySubmitted) {
            return new CardOutcome.Notice("This form was already submitted.");
        }
        if (!(claim instanceof FormCards.Claimed claimed)) {
            return new CardOutcome.Notice("This form is no longer available. Please start again.");
        }
        Form form = claimed.card().getForm();
        Map<String, String> values = values(form, data);
        Invoker invoker = inbound.invoker();
        SubmissionResult result = engine.onSubmit(new FormSubmission(invoker, form.formId(), values, form.state()));
        if (result instanceof SubmissionResult.Rejected rejected) {
            formCards.release(nonce);
            return new CardOutcome.ReplaceCard(replies.formCard(inbound.tenant(), form.rejected(values,
                            rejected.errors()), nonce),
                    form.title());
        }
        formCards.accepted(nonce);
        SubmissionResult.Accepted accepted = (SubmissionResult.Accepted) result;
        return new CardOutcome.ReplaceCard(MessageCards.card(accepted.confirmation()),
                accepted.confirmation().summary());
    }

    private CardOutcome clickButton(InboundActivity inbound, String actionId, String value) {
        String replyToId = inbound.replyToId();
        PostedMessage source = replyToId == null ? null
                : new PostedMessage(inbound.invoker().conversation(), inbound.conversationId(), replyToId);
        Response response = engine.onAction(new ActionRequest(inbound.invoker(), actionId, value, source));
        if (response instanceof Response.UpdateMessage update) {
            return new CardOutcome.ReplaceCard(MessageCards.card(update.message()), update.message().summary());
        }
        if (response instanceof Response.Reply reply) {
            return new CardOutcome.Reply(reply.message(), reply.visibility());
        }
        if (response instanceof Response.ShowForm show) {
            return new CardOutcome.PostForm(show.form());
        }
        return new CardOutcome.Nothing();
    }

    /** The inputs' values by input id; anything else in the data (our keys, Teams' own) is left out. */
    private static Map<String, String> values(Form form, JsonNode data) {
        Map<String, String> values = new LinkedHashMap<>();
        for (Input input : form.inputs()) {
            JsonNode value = data.get(input.id());
            if (value != null && !value.isNull() && value.isValueNode()) {
                values.put(input.id(), value.asText());
            }
        }
        return values;
    }

    private static InboundResult message(String text) {
        return invokeResponse(MESSAGE_RESPONSE, Serialization.asNode(text));
    }

    private static InboundResult invokeResponse(String type, JsonNode value) {
        AdaptiveCardInvokeResponse response = new AdaptiveCardInvokeResponse();
        response.setStatusCode(200);
        response.setType(type);
        response.setValue(value);
        return InboundResult.invokeResponse(Serialization.toStringSilent(response));
    }
}
