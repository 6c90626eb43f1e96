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
import io.opsbot.core.gateway.Destination;
import io.opsbot.core.gateway.PostedMessage;
import io.opsbot.core.home.HomeCards;
import io.opsbot.core.message.Message;
import io.opsbot.slack.home.HomeTabs;
import io.opsbot.slack.render.BlockKitRenderer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;

import java.util.concurrent.Executor;
import java.util.regex.Pattern;

/**
 * Button clicks on the bot's messages and on its Home tab: the core decides, the message is updated or a reply is sent
 * after the ack. A click on the Home tab comes with no channel and no response_url: replies and confirmations go to
 * the person's DM, and the Home tab is published again.
 */
@Component
class ButtonListener implements SlackListener {

    /** The button this adapter adds when a form is asked for where no modal can be opened (a typed DM). */
    static final String OPEN_FORM = "slack.open_form";

    private static final Logger log = LoggerFactory.getLogger(ButtonListener.class);

    private final ConversationEngine engine;
    private final ChatGateway slack;
    private final FormOpener forms;
    private final Executor executor;
    private final HomeTabs homeTabs;

    ButtonListener(ConversationEngine engine, ChatGateway slackChatGateway, FormOpener forms,
                   @Qualifier(CoreConfiguration.OUTBOUND_EXECUTOR) Executor executor, HomeTabs homeTabs) {
        this.engine = engine;
        this.slack = slackChatGateway;
        this.forms = forms;
        this.executor = executor;
        this.homeTabs = homeTabs;
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
        if (payload.getView() != null && "home".equals(payload.getView().getType())) {
            return onHomeTab(ctx, payload, action);
        }
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
        homeTabs.changed(invoker.user());
        if (response instanceof Response.ShowForm show) {
            String problem = forms.open(ctx, payload.getTriggerId(), show.form(), channelId,
                    payload.getResponseUrl());
            if (problem != null) {
                reply(ctx, payload, Response.privately(problem));
            }
            return ctx.ack();
        }
        PostedMessage target = source;
        boolean ephemeral = payload.getContainer() != null && payload.getContainer().isEphemeral();
        executor.execute(() -> {
            if (response instanceof Response.UpdateMessage update && ephemeral && payload.getResponseUrl() != null) {
                Replies.replaceViaResponseUrl(ctx.getSlack(), payload.getResponseUrl(), update.message());
            } else if (response instanceof Response.UpdateMessage update && target != null) {
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

    /**
     * A click on the Home tab, acting as the person in their DM with the bot: a form opens as a modal (its
     * confirmation comes by DM), a reply or an updated card comes by DM, Refresh publishes the tab at once, and the tab
     * is published again after any click.
     */
    private com.slack.api.bolt.response.Response onHomeTab(ActionContext ctx, BlockActionPayload payload,
                                                           BlockActionPayload.Action action) {
        Invoker invoker = SlackInvokers.inDirect(ctx, payload.getUser().getId(), payload.getUser().getName());
        String actionId = BlockKitRenderer.coreActionId(action.getActionId());
        if (actionId.equals(HomeCards.REFRESH)) {
            homeTabs.opened(invoker.user());
            return ctx.ack();
        }
        Response response = engine.onAction(new ActionRequest(invoker, actionId, action.getValue(), null));
        if (response instanceof Response.ShowForm show) {
            String problem = forms.open(ctx, payload.getTriggerId(), show.form(), null, null);
            if (problem != null) {
                toDm(invoker, Message.text(problem));
            }
        } else if (response instanceof Response.Reply reply) {
            executor.execute(() -> toDm(invoker, reply.message()));
        } else if (response instanceof Response.UpdateMessage update) {
            // The card the button belongs to, updated, is the confirmation; the home no longer offers the button.
            executor.execute(() -> toDm(invoker, update.message()));
        }
        homeTabs.changed(invoker.user());
        return ctx.ack();
    }

    private void toDm(Invoker invoker, Message message) {
        try {
            slack.send(new Destination.Direct(invoker.user()), message);
        } catch (RuntimeException e) {
            log.warn("Could not answer a Home tab click of {}: {}", invoker.user(), e.getMessage());
        }
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
