package io.opsbot.slack.inbound;

import com.slack.api.app_backend.slash_commands.payload.SlashCommandPayload;
import com.slack.api.bolt.App;
import com.slack.api.bolt.context.builtin.SlashCommandContext;
import com.slack.api.bolt.request.builtin.SlashCommandRequest;
import io.opsbot.core.config.CoreConfiguration;
import io.opsbot.core.conversation.ConversationEngine;
import io.opsbot.core.conversation.Invoker;
import io.opsbot.core.conversation.Response;
import io.opsbot.core.conversation.Visibility;
import io.opsbot.core.mention.MentionTokens;
import io.opsbot.core.message.Message;
import io.opsbot.slack.home.HomeTabs;
import io.opsbot.slack.render.BlockKitRenderer;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;

import java.util.concurrent.Executor;
import java.util.regex.Pattern;

/**
 * Every slash command ({@code /feedback}, {@code /standup}, ...) goes to the core by name; the reply travels in the
 * ack itself, so the user sees it at once and Slack's 3-second limit is met; the further parts of a long reply follow
 * through the response_url.
 */
@Component
class SlashCommandListener implements SlackListener {

    private final ConversationEngine engine;
    private final FormOpener forms;
    private final HomeTabs homeTabs;
    private final Executor executor;

    SlashCommandListener(ConversationEngine engine, FormOpener forms, HomeTabs homeTabs,
                         @Qualifier(CoreConfiguration.OUTBOUND_EXECUTOR) Executor executor) {
        this.executor = executor;
        this.engine = engine;
        this.forms = forms;
        this.homeTabs = homeTabs;
    }

    @Override
    public void register(App app) {
        // Every command, with or without its slash (Slack sends "/feedback"; its published sample "weather").
        app.command(Pattern.compile(".+"), this::handle);
    }

    private com.slack.api.bolt.response.Response handle(SlashCommandRequest request, SlashCommandContext ctx) {
        SlashCommandPayload payload = request.getPayload();
        Invoker invoker = SlackInvokers.invoker(ctx, payload.getUserId(), null, payload.getUserName(),
                payload.getChannelId());
        // Commands declared with should_escape send mentions as <@U123|name>: the core reads them as <@U123>.
        Response response = engine.onCommand(invoker, payload.getCommand(),
                MentionTokens.normalize(payload.getText()));
        homeTabs.changed(invoker.user());
        if (response instanceof Response.ShowForm show) {
            String problem = forms.open(ctx, payload.getTriggerId(), show.form(), payload.getChannelId(),
                    payload.getResponseUrl());
            return problem == null ? ctx.ack() : ctx.ack(problem);
        }
        if (response instanceof Response.Reply reply) {
            Message message = reply.message();
            if (!reply.more().isEmpty() && payload.getResponseUrl() != null) {
                // The first part answers the command; the rest follow through the response_url after the ack.
                boolean ephemeral = reply.visibility() == Visibility.PRIVATE;
                executor.execute(() -> reply.more().forEach(part ->
                        Replies.viaResponseUrl(ctx.getSlack(), payload.getResponseUrl(), part, ephemeral)));
            }
            return ctx.ack(r -> r.responseType(reply.visibility() == Visibility.PRIVATE ? "ephemeral" : "in_channel")
                    .text(BlockKitRenderer.fallbackText(message))
                    .blocks(BlockKitRenderer.blocks(message)));
        }
        return ctx.ack();
    }
}
