package io.opsbot.core.gateway;

import io.opsbot.core.message.Message;
import io.opsbot.core.tenant.Platform;
import org.springframework.stereotype.Component;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** Sends files on whichever platform the person is on, through that platform's {@link FileGateway}. */
@Component
public class FileSender {

    private final Map<Platform, FileGateway> gateways = new EnumMap<>(Platform.class);

    public FileSender(List<FileGateway> gateways) {
        for (FileGateway gateway : gateways) {
            if (this.gateways.put(gateway.platform(), gateway) != null) {
                throw new IllegalStateException("two file gateways for " + gateway.platform());
            }
        }
    }

    public void send(Destination.Direct to, ChatFile file, Message comment) {
        FileGateway gateway = gateways.get(to.platform());
        if (gateway == null) {
            throw new DeliveryException(DeliveryException.Reason.REJECTED,
                    "files cannot be sent on " + to.platform().displayName() + " in this deployment");
        }
        gateway.sendFile(to, file, comment);
    }
}
