package io.opsbot.core.gateway;

import io.opsbot.core.message.Message;
import io.opsbot.core.tenant.Platform;

import java.time.Instant;
import java.util.Optional;

/**
 * Outbound port each adapter implements for its platform: render a neutral {@link Message} and send it through the
 * platform's API. Implementations throw {@link DeliveryException} and never leak platform types.
 */
public interface ChatGateway {

    Platform platform();

    PostedMessage send(Destination destination, Message message);

    /**
     * Sends a message the outbox stores under {@code deliveryKey}. A platform that can attach the key to the message
     * (Slack's message metadata) does, so that {@link #findSent} can recognise it later.
     */
    default PostedMessage send(Destination destination, Message message, String deliveryKey) {
        return send(destination, message);
    }

    /**
     * The message sent under {@code deliveryKey} since {@code since}, if the platform can tell: asked before sending
     * again a message whose earlier attempt was cut short (a crash, a timeout). Empty when it is not there, or when the
     * platform offers no way to look (then the message is sent again: at least once rather than lost).
     */
    default Optional<PostedMessage> findSent(Destination destination, String deliveryKey, Instant since) {
        return Optional.empty();
    }

    void update(PostedMessage posted, Message message);
}
