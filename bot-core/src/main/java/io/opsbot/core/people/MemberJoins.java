package io.opsbot.core.people;

import io.opsbot.core.gateway.Destination;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.util.List;

/**
 * The entry point adapters call when a person joins. Each listener is called in turn; a failing one is logged and
 * does not keep the others (or the platform's request) from completing.
 */
@Component
public class MemberJoins {

    private static final Logger log = LoggerFactory.getLogger(MemberJoins.class);

    private final List<MemberJoinedListener> listeners;

    public MemberJoins(List<MemberJoinedListener> listeners) {
        this.listeners = List.copyOf(listeners);
    }

    public void memberJoined(MemberJoined joined) {
        for (MemberJoinedListener listener : listeners) {
            try {
                listener.onMemberJoined(joined);
            } catch (RuntimeException e) {
                log.error("Handling the join of {} failed in {}", joined.user(), listener.getClass().getSimpleName(),
                        e);
            }
        }
    }

    /**
     * Whether joining this channel means anything to the bot (a listener watches it, as onboarding does its channel),
     * so adapters can skip looking up who joined every other channel.
     */
    public boolean watches(Destination.Channel channel) {
        return listeners.stream().anyMatch(listener -> listener.watches(channel));
    }
}
