package io.opsbot.slack.inbound;

import com.slack.api.app_backend.slash_commands.payload.SlashCommandPayload;
import com.slack.api.bolt.App;
import com.slack.api.bolt.context.builtin.SlashCommandContext;
import com.slack.api.bolt.request.builtin.SlashCommandRequest;
import io.opsbot.core.conversation.ConversationEngine;
import io.opsbot.core.conversation.Invoker;
import io.opsbot.core.conversation.Response;
import io.opsbot.core.conversation.Visibility;
import io.opsbot.core.mention.MentionTokens;
import io.opsbot.core.message.Message;
import io.opsbot.slack.home.HomeTabs;
import io.opsbot.slack.render.BlockKitRenderer;
import org.springframework.stereotype.Component;

import java.util.regex.Pattern;

/**
 * Every slash command ({@code /feedback}, {@code /standup}, ...) goes to the core by name; the reply travels in the
 * ack itself, so the user sees it at once and Slack's 3-second limit is met.
 */
@Component
class SlashCommandListener implements SlackListener {

    private final ConversationEngine engine;
    private final FormOpener forms;
    private final HomeTabs homeTabs;

    SlashCommandListener(ConversationEngine engine, FormOpener forms, HomeTabs homeTabs) {
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
            return ctx.ack(r -> r.responseType(reply.visibility() == Visibility.PRIVATE ? "ephemeral" : "in_channel")
                    .text(BlockKitRenderer.fallbackText(message))
                    .blocks(BlockKitRenderer.blocks(message)));
        }
        return ctx.ack();
    }
}
