package io.opsbot.core.testing;

import io.opsbot.core.gateway.ChatFile;
import io.opsbot.core.gateway.Destination;
import io.opsbot.core.gateway.FileGateway;
import io.opsbot.core.message.Message;
import io.opsbot.core.tenant.Platform;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Files the core hands people on one platform, recorded instead of uploaded. */
public class RecordingFileGateway implements FileGateway {

    /** One file handed over. */
    public record Sent(Destination.Direct to, ChatFile file, Message comment) {
    }

    private final Platform platform;
    private final List<Sent> sent = new CopyOnWriteArrayList<>();

    public RecordingFileGateway(Platform platform) {
        this.platform = platform;
    }

    @Override
    public Platform platform() {
        return platform;
    }

    @Override
    public void sendFile(Destination.Direct to, ChatFile file, Message comment) {
        sent.add(new Sent(to, file, comment));
    }

    public List<Sent> sent() {
        return List.copyOf(sent);
    }
}
