package io.opsbot.slack.outbound;

import com.slack.api.methods.MethodsClient;
import com.slack.api.methods.SlackApiException;
import com.slack.api.methods.response.chat.ChatPostMessageResponse;
import com.slack.api.methods.response.conversations.ConversationsHistoryResponse;
import com.slack.api.methods.response.conversations.ConversationsRepliesResponse;
import io.opsbot.core.gateway.ChatGateway;
import io.opsbot.core.gateway.DeliveryException;
import io.opsbot.core.gateway.Destination;
import io.opsbot.core.gateway.PostedMessage;
import io.opsbot.core.message.Message;
import io.opsbot.core.tenant.Platform;
import io.opsbot.slack.render.BlockKitRenderer;

import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Sends core messages with chat.postMessage / chat.update, direct messages into the app's DM with the person, at the
 * pace Slack publishes ({@link SlackPacing}). Each post carries its outbox key as message metadata, so a post whose
 * answer was lost (a crash, a timeout) is found in the conversation instead of being posted twice.
 */
public class SlackChatGateway implements ChatGateway {

    /** Message metadata naming the outbox delivery a message was sent for. */
    static final String DELIVERY_EVENT = "opsbot_delivery";
    static final String DELIVERY_FIELD = "delivery";
    private static final int PAGE = 200;
    private static final int MAX_PAGES = 5;

    private final MethodsClient client;
    private final SlackPacing pacing;

    public SlackChatGateway(MethodsClient client, SlackPacing pacing) {
        this.client = client;
        this.pacing = pacing;
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
        // A user id as channel posts into the app's DM with that person (Messages tab): one call, no
        // conversations.open (Tier 3) per recipient. Slack answers with the DM's channel id, kept for updates.
        String channel = destination instanceof Destination.Channel c ? c.channelId()
                : ((Destination.Direct) destination).user().userId();
        String threadTs = thread(destination);
        pacing.post(destination.tenant(), channel);
        ChatPostMessageResponse response = call("chat.postMessage", () -> client.chatPostMessage(r -> r
                .channel(channel)
                .threadTs(threadTs)
                .text(BlockKitRenderer.fallbackText(message))
                .blocks(BlockKitRenderer.blocks(message))
                .metadata(deliveryKey == null ? null : com.slack.api.model.Message.Metadata.builder()
                        .eventType(DELIVERY_EVENT).eventPayload(Map.of(DELIVERY_FIELD, deliveryKey)).build())
                .unfurlLinks(false)));
        return new PostedMessage(destination, response.getChannel(), response.getTs());
    }

    /**
     * Looks through the conversation (or the thread) for a message carrying {@code deliveryKey} in its metadata,
     * posted since {@code since}: conversations.history, or conversations.replies for a thread, newest first.
     */
    @Override
    public Optional<PostedMessage> findSent(Destination destination, String deliveryKey, Instant since) {
        String channel = destination instanceof Destination.Channel c ? c.channelId()
                : dmChannel(((Destination.Direct) destination).user().userId());
        String thread = thread(destination);
        String oldest = since.getEpochSecond() + ".000000";
        String cursor = null;
        for (int page = 0; page < MAX_PAGES; page++) {
            String from = cursor;
            List<com.slack.api.model.Message> messages;
            String next;
            if (thread == null) {
                ConversationsHistoryResponse history = call("conversations.history", () -> client
                        .conversationsHistory(r -> r.channel(channel).oldest(oldest).includeAllMetadata(true)
                                .limit(PAGE).cursor(from)));
                messages = history.getMessages();
                next = history.getResponseMetadata() == null ? null : history.getResponseMetadata().getNextCursor();
            } else {
                String parent = thread;
                ConversationsRepliesResponse replies = call("conversations.replies", () -> client
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
    private String dmChannel(String user) {
        return call("conversations.open", () -> client.conversationsOpen(r -> r.users(List.of(user))))
                .getChannel().getId();
    }

    @Override
    public void update(PostedMessage posted, Message message) {
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
