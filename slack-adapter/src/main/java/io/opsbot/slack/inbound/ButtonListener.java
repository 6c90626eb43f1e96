package io.opsbot.slack.inbound;

import com.slack.api.app_backend.interactive_components.payload.BlockActionPayload;
import com.slack.api.bolt.App;
import com.slack.api.bolt.context.builtin.ActionContext;
import com.slack.api.bolt.request.builtin.BlockActionRequest;
import io.opsbot.core.config.CoreConfiguration;
import io.opsbot.core.conversation.ActionRequest;
import io.opsbot.core.conversation.ConversationEngine;
import io.opsbot.core.conversation.Invoker;
import io.opsbot.core.conversation.Response;
import io.opsbot.core.gateway.ChatGateway;
import io.opsbot.core.gateway.PostedMessage;
import io.opsbot.slack.render.BlockKitRenderer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;

import java.util.concurrent.Executor;
import java.util.regex.Pattern;

/** Button clicks on the bot's messages: the core decides, the message is updated or a reply is sent after the ack. */
@Component
class ButtonListener implements SlackListener {

    /** The button this adapter adds when a form is asked for where no modal can be opened (a typed DM). */
    static final String OPEN_FORM = "slack.open_form";

    private static final Logger log = LoggerFactory.getLogger(ButtonListener.class);

    private final ConversationEngine engine;
    private final ChatGateway slack;
    private final FormOpener forms;
    private final Executor executor;

    ButtonListener(ConversationEngine engine, ChatGateway slackChatGateway, FormOpener forms,
                   @Qualifier(CoreConfiguration.OUTBOUND_EXECUTOR) Executor executor) {
        this.engine = engine;
        this.slack = slackChatGateway;
        this.forms = forms;
        this.executor = executor;
    }

    @Override
    public void register(App app) {
        app.blockAction(Pattern.compile(".+"), this::handle);
    }

    private com.slack.api.bolt.response.Response handle(BlockActionRequest request, ActionContext ctx) {
        BlockActionPayload payload = request.getPayload();
        if (payload.getActions() == null || payload.getActions().isEmpty()) {
            return ctx.ack();
        }
        BlockActionPayload.Action action = payload.getActions().get(0);
        String channelId = payload.getChannel() == null ? null : payload.getChannel().getId();
        Invoker invoker = SlackInvokers.invoker(ctx, payload.getUser().getId(), payload.getUser().getTeamId(),
                payload.getUser().getName(),
                channelId);
        String actionId = BlockKitRenderer.coreActionId(action.getActionId());
        if (actionId.equals(OPEN_FORM)) {
            return openForm(ctx, payload, invoker, action.getValue(), channelId);
        }
        PostedMessage source = null;
        if (channelId != null && payload.getContainer() != null && payload.getContainer().getMessageTs() != null) {
            source = new PostedMessage(invoker.conversation(), channelId, payload.getContainer().getMessageTs());
        }
        Response response = engine.onAction(new ActionRequest(invoker, actionId, action.getValue(), source));
        if (response instanceof Response.ShowForm show) {
            String problem = forms.open(ctx, payload.getTriggerId(), show.form(), channelId,
                    payload.getResponseUrl());
            if (problem != null) {
                reply(ctx, payload, Response.privately(problem));
            }
            return ctx.ack();
        }
        PostedMessage target = source;
        executor.execute(() -> {
            if (response instanceof Response.UpdateMessage update && target != null) {
                try {
                    slack.update(target, update.message());
                } catch (RuntimeException e) {
                    log.warn("Could not update the clicked message: {}", e.getMessage());
                }
            } else if (response instanceof Response.Reply reply) {
                reply(ctx, payload, reply);
            }
        });
        return ctx.ack();
    }

    private com.slack.api.bolt.response.Response openForm(ActionContext ctx, BlockActionPayload payload,
                                                          Invoker invoker, String value, String channelId) {
        OpenFormButton.Target target = OpenFormButton.read(value);
        engine.form(invoker, target.formId(), target.state()).ifPresent(form ->
                forms.open(ctx, payload.getTriggerId(), form, channelId, payload.getResponseUrl()));
        return ctx.ack();
    }

    private static void reply(ActionContext ctx, BlockActionPayload payload, Response.Reply reply) {
        if (payload.getResponseUrl() != null) {
            Replies.viaResponseUrl(ctx.getSlack(), payload.getResponseUrl(), reply.message(),
                    reply.visibility() == io.opsbot.core.conversation.Visibility.PRIVATE);
        }
    }
}
