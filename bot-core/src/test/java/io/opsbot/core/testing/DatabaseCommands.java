package io.opsbot.core.testing;

import com.mongodb.event.CommandListener;
import com.mongodb.event.CommandStartedEvent;
import org.bson.BsonValue;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The database commands a piece of work sends on the calling thread (the driver reports a command on the thread that
 * sends it), as {@code "find keyResults"}: how many reads a command makes, and whether that grows with the data.
 */
public class DatabaseCommands implements CommandListener {

    /** What the driver sends besides the work itself (handshakes, heartbeats, sessions). */
    private static final Set<String> BOOKKEEPING = Set.of("hello", "ismaster", "isMaster", "ping", "endSessions",
            "buildInfo", "getLastError");

    private final ThreadLocal<List<String>> recording = new ThreadLocal<>();

    /** The commands {@code work} sent, in order. */
    public List<String> during(Runnable work) {
        List<String> sent = new ArrayList<>();
        recording.set(sent);
        try {
            work.run();
        } finally {
            recording.remove();
        }
        return sent;
    }

    @Override
    public void commandStarted(CommandStartedEvent event) {
        List<String> sent = recording.get();
        if (sent == null || BOOKKEEPING.contains(event.getCommandName())) {
            return;
        }
        BsonValue collection = event.getCommand().get(event.getCommandName());
        sent.add(event.getCommandName() + (collection != null && collection.isString()
                ? " " + collection.asString().getValue() : ""));
    }
}
