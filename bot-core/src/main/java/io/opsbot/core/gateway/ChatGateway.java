package io.opsbot.core.gateway;

import io.opsbot.core.message.Message;
import io.opsbot.core.tenant.Platform;

/**
 * Outbound port each adapter implements for its platform: render a neutral {@link Message} and send it through the
 * platform's API. Implementations throw {@link DeliveryException} and never leak platform types.
 */
public interface ChatGateway {

    Platform platform();

    PostedMessage send(Destination destination, Message message);

    void update(PostedMessage posted, Message message);
}
