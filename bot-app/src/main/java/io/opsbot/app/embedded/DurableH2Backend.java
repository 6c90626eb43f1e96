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
 *
 * <p>A write sent with the write concern {@code j: false} ("do not wait for the journal", what bot-core's
 * {@code Unjournaled} asks for) is answered at once: it reaches the disk with the next commit, which any later durable
 * write waits for, since one commit writes every change made before it. A crash loses such a write only when no
 * durable write followed it, which is what the callers accept (a replay claim, a rate-limit bucket).
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
            if (WRITES.contains(command.toLowerCase(Locale.ROOT)) && !journalDeclined(query)) {
                commits.afterWrite();
            }
        }
    }

    /** True when the command's write concern says {@code j: false}. */
    static boolean journalDeclined(Document query) {
        return query.get("writeConcern") instanceof Document concern && Boolean.FALSE.equals(concern.get("j"));
    }
}
