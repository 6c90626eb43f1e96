package io.opsbot.slack.inbound;

import com.slack.api.bolt.util.Responder;
import com.slack.api.Slack;
import com.slack.api.app_backend.interactive_components.response.ActionResponse;
import io.opsbot.core.message.Message;
import io.opsbot.slack.render.BlockKitRenderer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;

/** Sends replies through a request's response_url (works in any channel for 30 minutes, up to 5 times). */
final class Replies {

    private static final Logger log = LoggerFactory.getLogger(Replies.class);

    private Replies() {
    }

    static void viaResponseUrl(Slack slack, String responseUrl, Message message, boolean ephemeral) {
        send(slack, responseUrl, message, ephemeral, false);
    }

    /**
     * Replaces the message a button was clicked on through the click's response_url: the one way to change an
     * ephemeral message (chat.update cannot reach it).
     */
    static void replaceViaResponseUrl(Slack slack, String responseUrl, Message message) {
        send(slack, responseUrl, message, true, true);
    }

    private static void send(Slack slack, String responseUrl, Message message, boolean ephemeral, boolean replace) {
        try {
            new Responder(slack, responseUrl).send(ActionResponse.builder()
                    .responseType(ephemeral ? "ephemeral" : "in_channel")
                    .replaceOriginal(replace)
                    .text(BlockKitRenderer.fallbackText(message))
                    .blocks(BlockKitRenderer.blocks(message))
                    .build());
        } catch (IOException e) {
            log.warn("Could not reply through response_url: {}", e.getMessage());
        }
    }
}
