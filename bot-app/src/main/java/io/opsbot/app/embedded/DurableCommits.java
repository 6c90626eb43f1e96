package io.opsbot.app.embedded;

import org.h2.mvstore.MVStore;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Makes the writes of a command durable before it is answered: commits the MVStore (writes a chunk to the file) and,
 * for {@link Durability#FSYNC}, flushes the file to the disk. Commands finishing at the same time share one commit
 * and one flush (group commit): a commit that starts after a command's writes covers them, so while one commit runs,
 * every command that finishes meanwhile waits for the next one instead of writing a chunk of its own.
 */
final class DurableCommits {

    private final MVStore store;
    private final Durability durability;
    /** Write commands whose changes are in the store's memory, counted as they finish. */
    private final AtomicLong finished = new AtomicLong();
    private final Object lock = new Object();
    /** Every write command counted up to here is on disk. */
    private long durable;

    DurableCommits(MVStore store, Durability durability) {
        this.store = store;
        this.durability = durability;
    }

    /** Called after a write command, before its answer goes back to the client. */
    void afterWrite() {
        if (durability == Durability.BACKGROUND || store.isClosed()) {
            return;
        }
        long mine = finished.incrementAndGet();
        synchronized (lock) {
            if (durable >= mine) {
                return;
            }
            // Every command counted so far has finished its changes, so this commit carries all of them.
            long covering = finished.get();
            store.commit();
            if (durability == Durability.FSYNC) {
                store.sync();
            }
            durable = covering;
        }
    }
}
