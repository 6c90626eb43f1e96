package io.opsbot.slack.outbound;

import com.slack.api.Slack;
import com.slack.api.methods.MethodsClient;
import com.slack.api.methods.SlackApiException;
import com.slack.api.methods.response.chat.ChatPostMessageResponse;
import com.slack.api.methods.response.views.ViewsPublishResponse;
import com.slack.api.model.view.View;
import io.opsbot.core.gateway.ChatGateway;
import io.opsbot.core.gateway.DeliveryException;
import io.opsbot.core.gateway.Destination;
import io.opsbot.core.gateway.PostedMessage;
import io.opsbot.core.message.Message;
import io.opsbot.core.tenant.Platform;
import io.opsbot.core.tenant.TenantRef;
import io.opsbot.slack.installation.SlackInstallations;
import io.opsbot.slack.render.BlockKitRenderer;
import org.springframework.context.ApplicationEventPublisher;

import java.io.IOException;

/**
 * Sends core messages with chat.postMessage / chat.update, direct messages into the app's DM with the person, at the
 * pace Slack publishes ({@link SlackPacing}), each with the token of the installation the destination's tenant
 * belongs to. A tenant without one (never installed, uninstalled, revoked) fails at once as unreachable: nothing is
 * sent with a dead token and nothing is retried.
 */
public class SlackChatGateway implements ChatGateway {

    /** The callback id of the Home tab views the bot publishes. */
    public static final String HOME_VIEW = "opsbot_home";

    private final Slack slack;
    private final SlackInstallations installations;
    private final SlackPacing pacing;
    private final ApplicationEventPublisher events;

    public SlackChatGateway(Slack slack, SlackInstallations installations, SlackPacing pacing,
                            ApplicationEventPublisher events) {
        this.slack = slack;
        this.installations = installations;
        this.pacing = pacing;
        this.events = events;
    }

    /** The Web API as the installation of {@code tenant}. */
    private MethodsClient client(TenantRef tenant) {
        return clientFor(slack, installations, tenant);
    }

    static MethodsClient clientFor(Slack slack, SlackInstallations installations, TenantRef tenant) {
        return installations.forTenant(tenant).map(i -> slack.methods(i.botToken()))
                .orElseThrow(() -> new DeliveryException(DeliveryException.Reason.UNREACHABLE,
                        "the Slack app is not installed for " + tenant + " (never, or no more)"));
    }

    @Override
    public Platform platform() {
        return Platform.SLACK;
    }

    @Override
    public PostedMessage send(Destination destination, Message message) {
        if (destination instanceof Destination.Home home) {
            return publish(home, message);
        }
        String channel;
        String thread = null;
        if (destination instanceof Destination.Channel c) {
            channel = c.channelId();
            thread = c.threadId();
        } else {
            // A user id as channel posts into the app's DM with that person (Messages tab): one call, no
            // conversations.open (Tier 3) per recipient. Slack answers with the DM's channel id, kept for updates.
            channel = ((Destination.Direct) destination).user().userId();
        }
        String threadTs = thread;
        MethodsClient client = client(destination.tenant());
        pacing.post(destination.tenant(), channel);
        ChatPostMessageResponse response = call("chat.postMessage", () -> client.chatPostMessage(r -> r
                .channel(channel)
                .threadTs(threadTs)
                .text(BlockKitRenderer.fallbackText(message))
                .blocks(BlockKitRenderer.blocks(message))
                .unfurlLinks(false)));
        if (destination instanceof Destination.Direct direct) {
            // Whatever the bot DMs someone (a prompt, an invitation, a status change) may change their Home tab.
            events.publishEvent(new HomeTabStale(direct.user()));
        }
        return new PostedMessage(destination, response.getChannel(), response.getTs());
    }

    /**
     * Publishes the message as the person's Home tab (views.publish, Tier 4): it replaces what was there, so an
     * update is the same call.
     */
    private PostedMessage publish(Destination.Home home, Message message) {
        MethodsClient client = client(home.tenant());
        pacing.publish(home.tenant());
        View view = View.builder().type("home").callbackId(HOME_VIEW)
                .blocks(BlockKitRenderer.blocks(message, BlockKitRenderer.MAX_HOME_BLOCKS)).build();
        ViewsPublishResponse response = call("views.publish", () -> client.viewsPublish(r -> r
                .userId(home.user().userId()).view(view)));
        String viewId = response.getView() == null || response.getView().getId() == null ? "home"
                : response.getView().getId();
        return new PostedMessage(home, home.user().userId(), viewId);
    }

    @Override
    public void update(PostedMessage posted, Message message) {
        if (posted.destination() instanceof Destination.Home home) {
            publish(home, message);
            return;
        }
        MethodsClient client = client(posted.destination().tenant());
        pacing.update(posted.destination().tenant());
        call("chat.update", () -> client.chatUpdate(r -> r
                .channel(posted.conversationId())
                .ts(posted.messageId())
                .text(BlockKitRenderer.fallbackText(message))
                .blocks(BlockKitRenderer.blocks(message))));
    }

    interface SlackCall<T extends com.slack.api.methods.SlackApiTextResponse> {
        T call() throws IOException, SlackApiException;
    }

    static <T extends com.slack.api.methods.SlackApiTextResponse> T call(String method, SlackCall<T> call) {
        try {
            return SlackFailures.check(method, call.call());
        } catch (DeliveryException e) {
            throw e;
        } catch (IOException | SlackApiException e) {
            throw SlackFailures.from(method, e);
        }
    }
}
