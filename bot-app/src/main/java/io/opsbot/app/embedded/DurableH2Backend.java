package io.opsbot.app.embedded;

import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.bson.Document;
import io.netty.channel.Channel;
import org.h2.mvstore.MVStore;

import java.util.Locale;
import java.util.Set;

/**
 * mongo-java-server's H2 backend, made durable: a write command's answer (the driver's acknowledgement) leaves only
 * after {@link DurableCommits} has put the write on disk. Out of the box the MVStore writes on a one-second timer, so
 * a crash lost writes the bot had already confirmed, and counters went back (ids reused).
 */
final class DurableH2Backend extends H2Backend {

    private static final Set<String> WRITES = Set.of("insert", "update", "delete", "findandmodify", "create",
            "createindexes", "drop", "dropindexes", "dropdatabase", "renamecollection");

    private final DurableCommits commits;

    DurableH2Backend(MVStore store, Durability durability) {
        super(store);
        this.commits = new DurableCommits(store, durability);
    }

    @Override
    public Document handleCommand(Channel channel, String database, String command, Document query) {
        try {
            return super.handleCommand(channel, database, command, query);
        } finally {
            // Also after a failed write: part of a multi-document insert may have been applied.
            if (WRITES.contains(command.toLowerCase(Locale.ROOT))) {
                commits.afterWrite();
            }
        }
    }
}
