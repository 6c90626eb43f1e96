package io.opsbot.app.embedded;

import org.h2.mvstore.MVStore;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Makes the writes of one command durable before it is answered: commits the MVStore (writes a chunk to the file) and,
 * for {@link Durability#FSYNC}, flushes the file to the disk. Commands running at the same time share commits and
 * flushes (group commit): a flush started after a command's commit covers it, so it does not flush again.
 */
final class DurableCommits {

    private final MVStore store;
    private final Durability durability;
    private final AtomicLong committed = new AtomicLong();
    private final Object flushLock = new Object();
    private long flushed;

    DurableCommits(MVStore store, Durability durability) {
        this.store = store;
        this.durability = durability;
    }

    /** Called after a write command, before its answer goes back to the client. */
    void afterWrite() {
        if (durability == Durability.BACKGROUND || store.isClosed()) {
            return;
        }
        store.commit();
        if (durability != Durability.FSYNC) {
            return;
        }
        long mine = committed.incrementAndGet();
        synchronized (flushLock) {
            if (flushed >= mine) {
                return;
            }
            // Every commit counted so far has reached the file, so this one flush covers all of them.
            long covering = committed.get();
            store.sync();
            flushed = covering;
        }
    }

    Durability durability() {
        return durability;
    }
}
