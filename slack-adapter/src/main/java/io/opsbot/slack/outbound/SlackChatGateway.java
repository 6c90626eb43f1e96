package io.opsbot.slack.outbound;

import com.slack.api.Slack;
import com.slack.api.methods.Methods;
import com.slack.api.methods.MethodsClient;
import com.slack.api.methods.RequestFormBuilder;
import com.slack.api.methods.request.chat.ChatPostMessageRequest;
import com.slack.api.methods.request.chat.ChatUpdateRequest;
import com.slack.api.methods.request.views.ViewsPublishRequest;
import com.slack.api.methods.response.chat.ChatUpdateResponse;
import com.slack.api.methods.response.chat.ChatPostMessageResponse;
import com.slack.api.methods.response.conversations.ConversationsHistoryResponse;
import com.slack.api.methods.response.conversations.ConversationsRepliesResponse;
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

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Sends core messages with chat.postMessage / chat.update, direct messages into the app's DM with the person, at the
 * pace Slack publishes ({@link SlackPacing}), each with the token of the installation the destination's tenant
 * belongs to. A tenant without one (never installed, uninstalled, revoked) fails at once as unreachable: nothing is
 * sent with a dead token and nothing is retried. Each post carries its outbox key as message metadata, so a post whose
 * answer was lost (a crash, a timeout) is found in the conversation instead of being posted twice.
 */
public class SlackChatGateway implements ChatGateway {

    /** The callback id of the Home tab views the bot publishes. */
    public static final String HOME_VIEW = "opsbot_home";
    /** Message metadata naming the outbox delivery a message was sent for. */
    static final String DELIVERY_EVENT = "opsbot_delivery";
    static final String DELIVERY_FIELD = "delivery";
    private static final int PAGE = 200;
    private static final int MAX_PAGES = 5;

    private final Slack slack;
    private final SlackInstallations installations;
    private final SlackPacing pacing;
    private final ApplicationEventPublisher events;
    private final SlackWebApi api;
    private final SlackAnswers answers;

    public SlackChatGateway(Slack slack, SlackInstallations installations, SlackPacing pacing,
                            ApplicationEventPublisher events, SlackWebApi api) {
        this.slack = slack;
        this.answers = new SlackAnswers(slack);
        this.api = api;
        this.installations = installations;
        this.pacing = pacing;
        this.events = events;
    }

    /** The Web API as the installation of {@code tenant}. */
    private MethodsClient client(TenantRef tenant) {
        return clientFor(slack, installations, tenant);
    }

    static MethodsClient clientFor(Slack slack, SlackInstallations installations, TenantRef tenant) {
        return slack.methods(tokenFor(installations, tenant));
    }

    /** The bot token of the installation {@code tenant} belongs to; unreachable when there is none. */
    private static String tokenFor(SlackInstallations installations, TenantRef tenant) {
        return installations.forTenant(tenant).map(i -> i.botToken())
                .orElseThrow(() -> new DeliveryException(DeliveryException.Reason.UNREACHABLE,
                        "the Slack app is not installed for " + tenant + " (never, or no more)"));
    }

    @Override
    public Platform platform() {
        return Platform.SLACK;
    }

    @Override
    public PostedMessage send(Destination destination, Message message) {
        return send(destination, message, null);
    }

    /** Posts with the outbox key in the message's metadata, so {@link #findSent} can recognise the message later. */
    @Override
    public PostedMessage send(Destination destination, Message message, String deliveryKey) {
        if (destination instanceof Destination.Home home) {
            return publish(home, message);
        }
        // A user id as channel posts into the app's DM with that person (Messages tab): one call, no
        // conversations.open (Tier 3) per recipient. Slack answers with the DM's channel id, kept for updates.
        String channel = destination instanceof Destination.Channel c ? c.channelId()
                : ((Destination.Direct) destination).user().userId();
        String threadTs = thread(destination);
        String token = tokenFor(installations, destination.tenant());
        pacing.post(destination.tenant(), channel);
        ChatPostMessageRequest request = ChatPostMessageRequest.builder()
                .channel(channel)
                .threadTs(threadTs)
                .text(BlockKitRenderer.fallbackText(message))
                .blocks(BlockKitRenderer.blocks(message))
                .metadata(deliveryKey == null ? null : com.slack.api.model.Message.Metadata.builder()
                        .eventType(DELIVERY_EVENT).eventPayload(Map.of(DELIVERY_FIELD, deliveryKey)).build())
                .unfurlLinks(false).build();
        ChatPostMessageResponse response = api.call("chat.postMessage", () -> answers.post(
                Methods.CHAT_POST_MESSAGE, RequestFormBuilder.toForm(request), token, ChatPostMessageResponse.class));
        if (destination instanceof Destination.Direct direct) {
            // Whatever the bot DMs someone (a prompt, an invitation, a status change) may change their Home tab.
            events.publishEvent(new HomeTabStale(direct.user()));
        }
        return new PostedMessage(destination, response.getChannel(), response.getTs());
    }

    /**
     * Looks through the conversation (or the thread) for a message carrying {@code deliveryKey} in its metadata,
     * posted since {@code since}: conversations.history, or conversations.replies for a thread, newest first.
     */
    @Override
    public Optional<PostedMessage> findSent(Destination destination, String deliveryKey, Instant since) {
        if (destination instanceof Destination.Home) {
            return Optional.empty(); // publishing a Home tab again replaces it: nothing to find, nothing doubled
        }
        MethodsClient client = client(destination.tenant());
        String channel = destination instanceof Destination.Channel c ? c.channelId()
                : dmChannel(client, ((Destination.Direct) destination).user().userId());
        String thread = thread(destination);
        String oldest = since.getEpochSecond() + ".000000";
        String cursor = null;
        for (int page = 0; page < MAX_PAGES; page++) {
            String from = cursor;
            List<com.slack.api.model.Message> messages;
            String next;
            if (thread == null) {
                ConversationsHistoryResponse history = api.call("conversations.history", () -> client
                        .conversationsHistory(r -> r.channel(channel).oldest(oldest).includeAllMetadata(true)
                                .limit(PAGE).cursor(from)));
                messages = history.getMessages();
                next = history.getResponseMetadata() == null ? null : history.getResponseMetadata().getNextCursor();
            } else {
                String parent = thread;
                ConversationsRepliesResponse replies = api.call("conversations.replies", () -> client
                        .conversationsReplies(r -> r.channel(channel).ts(parent).oldest(oldest)
                                .includeAllMetadata(true).limit(PAGE).cursor(from)));
                messages = replies.getMessages();
                next = replies.getResponseMetadata() == null ? null : replies.getResponseMetadata().getNextCursor();
            }
            for (com.slack.api.model.Message m : messages == null ? List.<com.slack.api.model.Message>of() : messages) {
                if (m.getMetadata() != null && DELIVERY_EVENT.equals(m.getMetadata().getEventType())
                        && m.getMetadata().getEventPayload() != null
                        && deliveryKey.equals(m.getMetadata().getEventPayload().get(DELIVERY_FIELD))) {
                    return Optional.of(new PostedMessage(destination, channel, m.getTs()));
                }
            }
            if (next == null || next.isBlank()) {
                break;
            }
            cursor = next;
        }
        return Optional.empty();
    }

    private static String thread(Destination destination) {
        return destination instanceof Destination.Channel c ? c.threadId() : null;
    }

    /** The id of the app's DM with a person (conversations.open answers it without opening anything new). */
    private String dmChannel(MethodsClient client, String user) {
        return api.call("conversations.open", () -> client.conversationsOpen(r -> r.users(List.of(user))))
                .getChannel().getId();
    }

    /**
     * Publishes the message as the person's Home tab (views.publish, Tier 4): it replaces what was there, so an
     * update is the same call.
     */
    private PostedMessage publish(Destination.Home home, Message message) {
        String token = tokenFor(installations, home.tenant());
        pacing.publish(home.tenant());
        View view = View.builder().type("home").callbackId(HOME_VIEW)
                .blocks(BlockKitRenderer.blocks(message, BlockKitRenderer.MAX_HOME_BLOCKS)).build();
        ViewsPublishRequest request = ViewsPublishRequest.builder().userId(home.user().userId()).view(view).build();
        ViewsPublishResponse response = api.call("views.publish", () -> answers.post(
                Methods.VIEWS_PUBLISH, RequestFormBuilder.toForm(request), token, ViewsPublishResponse.class));
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
        String token = tokenFor(installations, posted.destination().tenant());
        pacing.update(posted.destination().tenant());
        ChatUpdateRequest request = ChatUpdateRequest.builder()
                .channel(posted.conversationId())
                .ts(posted.messageId())
                .text(BlockKitRenderer.fallbackText(message))
                .blocks(BlockKitRenderer.blocks(message)).build();
        api.call("chat.update", () -> answers.post(
                Methods.CHAT_UPDATE, RequestFormBuilder.toForm(request), token, ChatUpdateResponse.class));
    }
}
