package io.opsbot.teams.inbound;

import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.bot.schema.Attachment;
import com.microsoft.bot.schema.Serialization;
import com.microsoft.bot.schema.teams.MessagingExtensionActionResponse;
import com.microsoft.bot.schema.teams.TaskModuleContinueResponse;
import com.microsoft.bot.schema.teams.TaskModuleMessageResponse;
import com.microsoft.bot.schema.teams.TaskModuleResponseBase;
import com.microsoft.bot.schema.teams.TaskModuleTaskInfo;
import io.opsbot.core.conversation.ConversationEngine;
import io.opsbot.core.conversation.Response;
import io.opsbot.core.conversation.SharedMessage;
import io.opsbot.core.form.Form;
import io.opsbot.teams.cards.AdaptiveCard;
import io.opsbot.teams.cards.CardJson;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Message actions of the app's message extension (manifest {@code composeExtensions}, e.g. "Save as feedback"):
 * <ul>
 *   <li>{@code composeExtension/fetchTask}: the message the action was chosen on goes to the core's message shortcut
 *       of the same id, and the form it answers with opens in a task module (a dialog);</li>
 *   <li>{@code composeExtension/submitAction}: the dialog's form is submitted like any of our form cards; a
 *       rejection shows the form again with its errors, a save closes the dialog with the confirmation, and an old,
 *       unknown or already used form says so in the dialog.</li>
 * </ul>
 * Both are answered in the HTTP response, within the 5 seconds Teams waits.
 */
@Component
class MessageExtensions {

    static final String FETCH_TASK = "composeExtension/fetchTask";
    static final String SUBMIT_ACTION = "composeExtension/submitAction";
    private static final Logger log = LoggerFactory.getLogger(MessageExtensions.class);

    private final ConversationEngine engine;
    private final FormSubmissions forms;
    private final ConversationReplies replies;

    MessageExtensions(ConversationEngine engine, FormSubmissions forms, ConversationReplies replies) {
        this.engine = engine;
        this.forms = forms;
        this.replies = replies;
    }

    static boolean handles(String invokeName) {
        return FETCH_TASK.equals(invokeName) || SUBMIT_ACTION.equals(invokeName);
    }

    InboundResult onInvoke(InboundActivity inbound) {
        return FETCH_TASK.equals(inbound.name()) ? fetchTask(inbound) : submitAction(inbound);
    }

    private InboundResult fetchTask(InboundActivity inbound) {
        JsonNode value = inbound.value();
        String commandId = value.path("commandId").asText("");
        JsonNode payload = value.path("messagePayload");
        SharedMessage message = payload.isObject() ? SharedMessages.from(payload, inbound.tenant(),
                inbound.invoker().conversation()) : new SharedMessage("", null, null, null);
        Response response = engine.onMessageShortcut(inbound.invoker(), commandId, message);
        if (response instanceof Response.ShowForm show) {
            Form form = show.form();
            return dialog(form.title(), replies.formCard(inbound.tenant(), form,
                    replies.openForm(inbound.tenant(), form)));
        }
        if (response instanceof Response.Reply reply) {
            return notice(reply.message().summary());
        }
        log.info("Message action {} answered with {}, which a dialog cannot show", commandId,
                response.getClass().getSimpleName());
        return notice("Done.");
    }

    private InboundResult submitAction(InboundActivity inbound) {
        JsonNode data = inbound.value().path("data");
        if (!FormSubmissions.isForm(data)) {
            return notice("This dialog is no longer active. Close it and choose the action on the message again.");
        }
        FormSubmissions.Outcome outcome = forms.submit(inbound, data);
        if (outcome instanceof FormSubmissions.Rejected rejected) {
            return dialog(rejected.title(), rejected.card());
        }
        if (outcome instanceof FormSubmissions.Accepted accepted) {
            return notice(accepted.confirmation().summary());
        }
        return notice(((FormSubmissions.NotDone) outcome).reason()
                + " Close this and choose the action on the message again.");
    }

    /** Keeps the dialog open, showing this card. */
    private static InboundResult dialog(String title, AdaptiveCard card) {
        Attachment attachment = new Attachment();
        attachment.setContentType(AdaptiveCard.CONTENT_TYPE);
        attachment.setContent(CardJson.toTree(card));
        TaskModuleTaskInfo info = new TaskModuleTaskInfo();
        info.setTitle(title);
        info.setHeight("large");
        info.setWidth("medium");
        info.setCard(attachment);
        TaskModuleContinueResponse task = new TaskModuleContinueResponse();
        task.setType("continue");
        task.setValue(info);
        return answer(task);
    }

    /** Shows this text in the dialog (Teams' "message" task response): a confirmation or why nothing was done. */
    private static InboundResult notice(String text) {
        TaskModuleMessageResponse task = new TaskModuleMessageResponse();
        task.setType("message");
        task.setValue(text);
        return answer(task);
    }

    private static InboundResult answer(TaskModuleResponseBase task) {
        MessagingExtensionActionResponse response = new MessagingExtensionActionResponse();
        response.setTask(task);
        return InboundResult.invokeResponse(Serialization.toStringSilent(response));
    }
}
