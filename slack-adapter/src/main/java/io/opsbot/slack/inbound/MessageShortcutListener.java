package io.opsbot.slack.inbound;

import com.slack.api.app_backend.interactive_components.payload.MessageShortcutPayload;
import com.slack.api.bolt.App;
import com.slack.api.bolt.context.builtin.MessageShortcutContext;
import com.slack.api.bolt.request.builtin.MessageShortcutRequest;
import io.opsbot.core.conversation.ConversationEngine;
import io.opsbot.core.conversation.Invoker;
import io.opsbot.core.conversation.Response;
import io.opsbot.core.gateway.Destination;
import io.opsbot.core.conversation.SharedMessage;
import io.opsbot.core.tenant.UserRef;
import io.opsbot.slack.outbound.SlackPeopleDirectory;
import org.springframework.stereotype.Component;

import java.util.regex.Pattern;

/** Message shortcuts ("Save as feedback" in a message's ⋮ menu) go to the core by callback id. */
@Component
class MessageShortcutListener implements SlackListener {

    private final ConversationEngine engine;
    private final FormOpener forms;
    private final SlackPeopleDirectory people;

    MessageShortcutListener(ConversationEngine engine, FormOpener forms, SlackPeopleDirectory people) {
        this.engine = engine;
        this.forms = forms;
        this.people = people;
    }

    @Override
    public void register(App app) {
        app.messageShortcut(Pattern.compile(".+"), this::handle);
    }

    private com.slack.api.bolt.response.Response handle(MessageShortcutRequest request, MessageShortcutContext ctx) {
        MessageShortcutPayload payload = request.getPayload();
        String channelId = payload.getChannel() == null ? null : payload.getChannel().getId();
        Invoker invoker = SlackInvokers.invoker(ctx, payload.getUser().getId(), payload.getUser().getTeamId(),
                payload.getUser().getName(),
                channelId);
        com.slack.api.model.Message message = payload.getMessage();
        String authorId = message == null ? null : message.getUser();
        // The message's text as the words people see (no live mention or link tokens) and its author by name.
        SharedMessage shared = new SharedMessage(SlackText.readable(message == null ? "" : message.getText()),
                authorId == null ? null : new UserRef(invoker.tenant(), authorId),
                authorId == null ? null : people.info(invoker.tenant(), authorId).map(MemberJoinListener::name).orElse("@" + authorId),
                permalink(payload, channelId), thread(invoker, message, channelId));
        Response response = engine.onMessageShortcut(invoker, payload.getCallbackId(), shared);
        if (response instanceof Response.ShowForm show) {
            String problem = forms.open(ctx, payload.getTriggerId(), show.form(), channelId,
                    payload.getResponseUrl());
            if (problem != null && payload.getResponseUrl() != null) {
                Replies.viaResponseUrl(ctx.getSlack(), payload.getResponseUrl(),
                        io.opsbot.core.message.Message.text(problem), true);
            }
        } else if (response instanceof Response.Reply reply && payload.getResponseUrl() != null) {
            Replies.viaResponseUrl(ctx.getSlack(), payload.getResponseUrl(), reply.message(), true);
        }
        return ctx.ack();
    }

    /** Where a reply about the message goes: its thread, or a new thread under it. */
    private static Destination.Channel thread(Invoker invoker, com.slack.api.model.Message message,
                                              String channelId) {
        if (message == null || channelId == null) {
            return null;
        }
        String parent = message.getThreadTs() != null ? message.getThreadTs() : message.getTs();
        return parent == null ? null : new Destination.Channel(invoker.tenant(), channelId, parent);
    }

    /** Slack's permalink format, built locally so no extra API call sits between the click and the modal. */
    private static String permalink(MessageShortcutPayload payload, String channelId) {
        String ts = payload.getMessageTs() != null ? payload.getMessageTs()
                : payload.getMessage() == null ? null : payload.getMessage().getTs();
        String domain = payload.getTeam() == null ? null : payload.getTeam().getDomain();
        if (ts == null || channelId == null || domain == null) {
            return null;
        }
        return "https://" + domain + ".slack.com/archives/" + channelId + "/p" + ts.replace(".", "");
    }
}
