package io.opsbot.core.gateway;

import io.opsbot.core.message.Message;
import io.opsbot.core.tenant.Platform;

/**
 * Outbound port for files, each adapter its platform's way: Slack uploads the file into the person's DM (external
 * upload), Teams sends a short-lived signed link to download it from the bot. Throws {@link DeliveryException}.
 */
public interface FileGateway {

    Platform platform();

    /** Hands the file to the person in their direct messages, with {@code comment} introducing it. */
    void sendFile(Destination.Direct to, ChatFile file, Message comment);
}
