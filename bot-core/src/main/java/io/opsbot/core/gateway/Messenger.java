package io.opsbot.core.gateway;

import io.opsbot.core.message.Message;
import io.opsbot.core.tenant.Platform;
import org.springframework.stereotype.Component;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** Sends messages on whichever platform a destination belongs to. The core's only way out to a chat platform. */
@Component
public class Messenger {

    private final Map<Platform, ChatGateway> gateways = new EnumMap<>(Platform.class);

    public Messenger(List<ChatGateway> gateways) {
        for (ChatGateway gateway : gateways) {
            if (this.gateways.put(gateway.platform(), gateway) != null) {
                throw new IllegalStateException("two chat gateways for " + gateway.platform());
            }
        }
    }

    public PostedMessage send(Destination destination, Message message) {
        return gateway(destination.platform()).send(destination, message);
    }

    public void update(PostedMessage posted, Message message) {
        gateway(posted.destination().platform()).update(posted, message);
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
