package io.opsbot.core.gateway;

import io.opsbot.core.message.Message;
import io.opsbot.core.tenant.Platform;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Sends messages on whichever platform a destination belongs to. The core's only way out to a chat platform. When a
 * platform says when to try again, that is announced ({@link RetryLater}), so whoever retries can be there on time.
 */
@Component
public class Messenger {

    private final Map<Platform, ChatGateway> gateways = new EnumMap<>(Platform.class);
    private final ApplicationEventPublisher events;

    public Messenger(List<ChatGateway> gateways, ApplicationEventPublisher events) {
        this.events = events;
        for (ChatGateway gateway : gateways) {
            if (this.gateways.put(gateway.platform(), gateway) != null) {
                throw new IllegalStateException("two chat gateways for " + gateway.platform());
            }
        }
    }

    public PostedMessage send(Destination destination, Message message) {
        try {
            return gateway(destination.platform()).send(destination, message);
        } catch (DeliveryException e) {
            throw announced(e);
        }
    }

    public void update(PostedMessage posted, Message message) {
        try {
            gateway(posted.destination().platform()).update(posted, message);
        } catch (DeliveryException e) {
            throw announced(e);
        }
    }

    private DeliveryException announced(DeliveryException e) {
        if (e.retryable() && e.retryAfter() != null) {
            events.publishEvent(new RetryLater(e.retryAfter()));
        }
        return e;
    }

    public boolean supports(Platform platform) {
        return gateways.containsKey(platform);
    }

    private ChatGateway gateway(Platform platform) {
        ChatGateway gateway = gateways.get(platform);
        if (gateway == null) {
            throw new DeliveryException(DeliveryException.Reason.REJECTED,
                    platform.displayName() + " is not configured in this deployment");
        }
        return gateway;
    }
}
