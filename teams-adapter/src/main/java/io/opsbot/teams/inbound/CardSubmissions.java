package io.opsbot.teams.inbound;

import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.bot.schema.AdaptiveCardInvokeResponse;
import com.microsoft.bot.schema.Serialization;
import io.opsbot.core.conversation.Action;
import io.opsbot.core.conversation.ActionRequest;
import io.opsbot.core.conversation.ConversationEngine;
import io.opsbot.core.conversation.Response;
import io.opsbot.core.conversation.Visibility;
import io.opsbot.core.gateway.PostedMessage;
import io.opsbot.core.message.Block;
import io.opsbot.core.message.Message;
import io.opsbot.teams.cards.AdaptiveCard;
import io.opsbot.teams.cards.CardData;
import io.opsbot.teams.cards.CardJson;
import io.opsbot.teams.cards.MessageCards;
import io.opsbot.teams.cards.TeamsMarkdown;
import io.opsbot.teams.outbound.OutboundActivities;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;


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
    private final FormSubmissions forms;
    private final ConversationReplies replies;

    CardSubmissions(ConversationEngine engine, FormSubmissions forms, ConversationReplies replies) {
        this.engine = engine;
        this.forms = forms;
        this.replies = replies;
    }

    /** A message activity with {@code value}: answer in the conversation, replacing the card when asked to. */
    void onMessageSubmit(InboundActivity inbound) {
        CardOutcome outcome = route(inbound, inbound.value(), null);
        if (outcome instanceof CardOutcome.ReplaceCard replace) {
            replies.replaceOrSend(inbound, OutboundActivities.card(replace.card(), replace.summary()));
        } else if (outcome instanceof CardOutcome.Reply reply) {
            replies.reply(inbound, reply.message());
        } else if (outcome instanceof CardOutcome.PostForm post) {
            replies.send(inbound, replies.formActivity(inbound.tenant(), post.form()));
        } else if (outcome instanceof CardOutcome.Notice notice) {
            replies.reply(inbound, Message.text(notice.text()));
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
            // An invoke answers with one line of text; anything richer (a page of results with Show more) is posted.
            if (reply.visibility() == Visibility.IN_CONVERSATION || !oneParagraph(reply.message())) {
                replies.reply(inbound, reply.message());
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
        if (FormSubmissions.isForm(data)) {
            return submitForm(inbound, data);
        }
        JsonNode ours = CardData.ours(data);
        String actionId = ours.path(CardData.ACTION).asText(null);
        if (actionId == null || actionId.isBlank()) {
            actionId = verb;
        }
        if (actionId == null || actionId.isBlank()) {
            log.info("Ignoring a card action without our data in Teams conversation {}",
                    inbound.baseConversationId());
            return new CardOutcome.Notice(Action.NO_LONGER_ACTIVE);
        }
        return clickButton(inbound, actionId, ours.path(CardData.VALUE).asText(""),
                ours.path(CardData.REFRESH).asText(null));
    }

    private CardOutcome submitForm(InboundActivity inbound, JsonNode data) {
        FormSubmissions.Outcome outcome = forms.submit(inbound, data);
        if (outcome instanceof FormSubmissions.Rejected rejected) {
            return new CardOutcome.ReplaceCard(rejected.card(), rejected.title());
        }
        if (outcome instanceof FormSubmissions.Accepted accepted) {
            return new CardOutcome.ReplaceCard(MessageCards.card(accepted.confirmation()),
                    accepted.confirmation().summary());
        }
        return new CardOutcome.Notice(((FormSubmissions.NotDone) outcome).reason());
    }

    private CardOutcome clickButton(InboundActivity inbound, String actionId, String value, String refresh) {
        String replyToId = inbound.replyToId();
        PostedMessage source = replyToId == null ? null
                : new PostedMessage(inbound.invoker().conversation(), inbound.conversationId(), replyToId);
        Response response = engine.onAction(new ActionRequest(inbound.invoker(), actionId, value, source));
        if (refresh != null && !refresh.equals(actionId)) {
            // A button on a live card (the home): what it answers becomes a new message in the conversation, and
            // the live card itself is rebuilt in place, so it never shows what was just done as still waiting.
            postAsNewMessage(inbound, response);
            response = engine.onAction(new ActionRequest(inbound.invoker(), refresh, "", source));
        }
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

    private void postAsNewMessage(InboundActivity inbound, Response response) {
        if (response instanceof Response.UpdateMessage update) {
            replies.send(inbound, OutboundActivities.of(update.message()));
        } else if (response instanceof Response.Reply reply) {
            replies.reply(inbound, reply.message());
        } else if (response instanceof Response.ShowForm show) {
            replies.send(inbound, replies.formActivity(inbound.tenant(), show.form()));
        }
    }

    private static boolean oneParagraph(Message message) {
        return message.blocks().size() == 1 && message.blocks().get(0) instanceof Block.Section section
                && section.fields().isEmpty();
    }

    private static InboundResult message(String text) {
        return invokeResponse(MESSAGE_RESPONSE, Serialization.asNode(TeamsMarkdown.plain(text)));
    }

    private static InboundResult invokeResponse(String type, JsonNode value) {
        AdaptiveCardInvokeResponse response = new AdaptiveCardInvokeResponse();
        response.setStatusCode(200);
        response.setType(type);
        response.setValue(value);
        return InboundResult.invokeResponse(Serialization.toStringSilent(response));
    }
}
