package io.opsbot.slack.inbound;

import com.slack.api.app_backend.views.payload.ViewSubmissionPayload;
import com.slack.api.bolt.App;
import com.slack.api.bolt.context.builtin.ViewSubmissionContext;
import com.slack.api.bolt.request.builtin.ViewSubmissionRequest;
import io.opsbot.core.config.CoreConfiguration;
import io.opsbot.core.conversation.ConversationEngine;
import io.opsbot.core.conversation.FormSubmission;
import io.opsbot.core.conversation.Invoker;
import io.opsbot.core.conversation.SubmissionResult;
import io.opsbot.core.gateway.ChatGateway;
import io.opsbot.core.gateway.Destination;
import io.opsbot.core.message.Message;
import io.opsbot.slack.render.ModalRenderer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;

import java.util.concurrent.Executor;
import java.util.regex.Pattern;

/**
 * Modal submissions. Errors go back in the ack ({@code response_action: errors}) so Slack shows them under the inputs
 * and keeps what was typed; on success the modal closes and the confirmation is sent where the user started
 * (response_url), or by DM.
 */
@Component
class ModalSubmissionListener implements SlackListener {

    private static final Logger log = LoggerFactory.getLogger(ModalSubmissionListener.class);

    private final ConversationEngine engine;
    private final ChatGateway slack;
    private final Executor executor;

    ModalSubmissionListener(ConversationEngine engine, ChatGateway slackChatGateway,
                            @Qualifier(CoreConfiguration.OUTBOUND_EXECUTOR) Executor executor) {
        this.engine = engine;
        this.slack = slackChatGateway;
        this.executor = executor;
    }

    @Override
    public void register(App app) {
        app.viewSubmission(Pattern.compile(".+"), this::handle);
    }

    private com.slack.api.bolt.response.Response handle(ViewSubmissionRequest request, ViewSubmissionContext ctx) {
        ViewSubmissionPayload payload = request.getPayload();
        ModalMetadata metadata = ModalMetadata.decode(payload.getView().getPrivateMetadata());
        Invoker invoker = SlackInvokers.invoker(ctx, payload.getUser().getId(), payload.getUser().getTeamId(),
                payload.getUser().getName(),
                metadata.channelId());
        SubmissionResult result = engine.onSubmit(new FormSubmission(invoker, payload.getView().getCallbackId(),
                ModalRenderer.values(payload.getView().getState()), metadata.formState()));
        if (result instanceof SubmissionResult.Rejected rejected) {
            return ctx.ackWithErrors(rejected.errors());
        }
        // A refusal closes the modal like a confirmation does, and says who may.
        Message confirmation = result instanceof SubmissionResult.Refused refused ? refused.reason()
                : ((SubmissionResult.Accepted) result).confirmation();
        if (confirmation != null) {
            executor.execute(() -> confirm(ctx, invoker, metadata, confirmation));
        }
        return ctx.ack();
    }

    private void confirm(ViewSubmissionContext ctx, Invoker invoker, ModalMetadata metadata, Message confirmation) {
        if (metadata.responseUrl() != null) {
            Replies.viaResponseUrl(ctx.getSlack(), metadata.responseUrl(), confirmation, true);
            return;
        }
        try {
            slack.send(new Destination.Direct(invoker.user()), confirmation);
        } catch (RuntimeException e) {
            log.warn("Could not confirm a submission to {}: {}", invoker.user(), e.getMessage());
        }
    }
}
