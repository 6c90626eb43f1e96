package io.opsbot.core.testing;

import io.opsbot.core.gateway.ChatGateway;
import io.opsbot.core.gateway.DeliveryException;
import io.opsbot.core.gateway.Destination;
import io.opsbot.core.gateway.PostedMessage;
import io.opsbot.core.message.Message;
import io.opsbot.core.tenant.Platform;

import java.util.ArrayDeque;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/** A chat gateway for core tests: records what would be sent, and fails on demand. */
public class RecordingChatGateway implements ChatGateway {

    public record Sent(Destination destination, Message message, PostedMessage posted) {
    }

    public record Updated(PostedMessage posted, Message message) {
    }

    private final Platform platform;
    private final List<Sent> sent = new CopyOnWriteArrayList<>();
    private final List<Updated> updated = new CopyOnWriteArrayList<>();
    private final Queue<DeliveryException> failures = new ArrayDeque<>();
    private final AtomicLong ids = new AtomicLong();

    public RecordingChatGateway(Platform platform) {
        this.platform = platform;
    }

    /** The next send or update fails with this exception (queued: call repeatedly for several failures). */
    public synchronized void failNext(DeliveryException failure) {
        failures.add(failure);
    }

    @Override
    public Platform platform() {
        return platform;
    }

    private void failIfAsked() {
        DeliveryException failure;
        synchronized (this) {
            failure = failures.poll();
        }
        if (failure != null) {
            throw failure;
        }
    }

    @Override
    public PostedMessage send(Destination destination, Message message) {
        failIfAsked();
        String conversation = destination instanceof Destination.Channel c ? c.channelId()
                : "D-" + ((Destination.Direct) destination).user().userId();
        PostedMessage posted = new PostedMessage(destination, conversation, "m" + ids.incrementAndGet());
        sent.add(new Sent(destination, message, posted));
        return posted;
    }

    @Override
    public void update(PostedMessage posted, Message message) {
        failIfAsked();
        updated.add(new Updated(posted, message));
    }

    public List<Sent> sent() {
        return List.copyOf(sent);
    }

    public List<Updated> updated() {
        return List.copyOf(updated);
    }

    public void clear() {
        sent.clear();
        updated.clear();
        synchronized (this) {
            failures.clear();
        }
    }
}
