package io.opsbot.slack.outbound;

import com.slack.api.methods.MethodsClient;
import com.slack.api.methods.SlackApiException;
import com.slack.api.methods.response.chat.ChatPostMessageResponse;
import com.slack.api.methods.response.conversations.ConversationsOpenResponse;
import io.opsbot.core.message.Message;
import io.opsbot.core.messaging.ChatGateway;
import io.opsbot.core.messaging.DeliveryException;
import io.opsbot.core.messaging.Destination;
import io.opsbot.core.messaging.PostedMessage;
import io.opsbot.core.tenant.Platform;
import io.opsbot.slack.render.BlockKitRenderer;

import java.io.IOException;
import java.util.List;

/** Sends core messages with chat.postMessage / chat.update; direct messages open the DM with conversations.open. */
public class SlackChatGateway implements ChatGateway {

    private final MethodsClient client;

    public SlackChatGateway(MethodsClient client) {
        this.client = client;
    }

    @Override
    public Platform platform() {
        return Platform.SLACK;
    }

    @Override
    public PostedMessage send(Destination destination, Message message) {
        String channel;
        String thread = null;
        if (destination instanceof Destination.Channel c) {
            channel = c.channelId();
            thread = c.threadId();
        } else {
            channel = openDirect(((Destination.Direct) destination).user().userId());
        }
        String threadTs = thread;
        ChatPostMessageResponse response = call("chat.postMessage", () -> client.chatPostMessage(r -> r
                .channel(channel)
                .threadTs(threadTs)
                .text(BlockKitRenderer.fallbackText(message))
                .blocks(BlockKitRenderer.blocks(message))
                .unfurlLinks(false)));
        return new PostedMessage(destination, response.getChannel(), response.getTs());
    }

    @Override
    public void update(PostedMessage posted, Message message) {
        call("chat.update", () -> client.chatUpdate(r -> r
                .channel(posted.conversationId())
                .ts(posted.messageId())
                .text(BlockKitRenderer.fallbackText(message))
                .blocks(BlockKitRenderer.blocks(message))));
    }

    /** The DM channel with a user (conversations.open returns the existing one when there is one). */
    String openDirect(String userId) {
        ConversationsOpenResponse response = call("conversations.open",
                () -> client.conversationsOpen(r -> r.users(List.of(userId))));
        return response.getChannel().getId();
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
