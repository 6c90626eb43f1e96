package io.opsbot.app.embedded;

import org.h2.mvstore.MVStore;
import org.h2.mvstore.MVStoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Makes the writes of a command durable before it is answered: commits the MVStore (writes a chunk to the file) and,
 * for {@link Durability#FSYNC}, flushes the file to the disk. Commands finishing at the same time share one commit
 * and one flush (group commit): a commit that starts after a command's writes covers them, so while one commit runs,
 * every command that finishes meanwhile waits for the next one instead of writing a chunk of its own. There is no
 * delay: a commit starts as soon as the one before it ends.
 *
 * <p>Unless the durability is {@link Durability#BACKGROUND}, the store is opened without H2's own one-second timer
 * ({@link #storeOptions}): with the timer, H2 serializes every commit's pages on a thread of its own and writes them
 * on another, and a command waited for both hand-overs (in the acknowledgement's profile, on a busy machine, more
 * than the flush itself); without it, the committing thread does the work. The timer's other job, writing changes no
 * durable write followed (those sent with {@code j: false}) within about a second, is done here instead.
 */
final class DurableCommits {

    private static final Logger log = LoggerFactory.getLogger(DurableCommits.class);

    /** How soon a change no durable write followed is written to the file anyway (H2's own timer: one second). */
    static final Duration UNSAVED_AT_MOST = Duration.ofSeconds(1);

    private final MVStore store;
    private final Durability durability;
    /** Write commands whose changes are in the store's memory, counted as they finish. */
    private final AtomicLong finished = new AtomicLong();
    private final Object lock = new Object();
    /** Every write command counted up to here is on disk. */
    private long durable;
    private final ScheduledExecutorService writer;
    /**
     * Write commands hold it shared while they change the store, a commit holds it alone: a command changes several
     * maps one after another (a document, then each unique index), and a commit taken between two of them would put a
     * torn command on disk. After a crash that left, for example, a unique index naming a version its document no
     * longer had, so every compare-and-set on that document failed from then on (a rate-limit bucket that never gave
     * a token again). Fair, so a waiting commit is not starved by a stream of writes.
     */
    private final ReentrantReadWriteLock changes = new ReentrantReadWriteLock(true);

    DurableCommits(MVStore store, Durability durability, Duration unsavedAtMost) {
        this.store = store;
        this.durability = durability;
        if (durability == Durability.BACKGROUND) {
            writer = null;
            return;
        }
        writer = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "embedded-db-writer");
            thread.setDaemon(true);
            return thread;
        });
        writer.scheduleWithFixedDelay(this::writeUnsaved, unsavedAtMost.toMillis(), unsavedAtMost.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    /**
     * How large a page may grow before it splits, in bytes (H2's estimate of its size in memory): H2's default for a
     * store on file is 16 KB, its default in memory 4 KB. H2 writes whole pages, so every commit encodes again every
     * document on each page a command changed, and every page above it: a capture changes a dozen pages (its item,
     * the index entries, counters, the outbox), and with 16 KB pages the commits took a fifth of the bot's CPU under
     * the {@code ack} bench (page serialization in the profile). With 4 KB pages the bot answered 40-60% more captures
     * a second (see the README's Performance section).
     */
    static final int PAGE_SPLIT_SIZE = 4 * 1024;

    /** The store's options for this durability: H2's timer only where it is the durability; small pages. */
    static MVStore.Builder storeOptions(MVStore.Builder builder, Durability durability) {
        builder.pageSplitSize(PAGE_SPLIT_SIZE);
        return durability == Durability.BACKGROUND ? builder : builder.autoCommitDisabled();
    }

    /** Runs a write command's changes to the store: never while a commit writes, so no commit sees half of them. */
    <T> T changing(Supplier<T> command) {
        changes.readLock().lock();
        try {
            return command.get();
        } finally {
            changes.readLock().unlock();
        }
    }

    /** Commits what every finished write command changed, and only that (no command is half-way through). */
    private void commitWhole() {
        changes.writeLock().lock();
        try {
            store.commit();
        } finally {
            changes.writeLock().unlock();
        }
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
            commitWhole();
            if (durability == Durability.FSYNC) {
                store.sync();
            }
            durable = covering;
        }
    }

    /** Writes what no durable write carried to the file (as H2's timer did: no flush); stops with the store. */
    private void writeUnsaved() {
        if (store.isClosed()) {
            writer.shutdown();
            return;
        }
        try {
            synchronized (lock) {
                if (store.hasUnsavedChanges()) {
                    commitWhole();
                }
            }
        } catch (MVStoreException | IllegalStateException e) {
            // Closed meanwhile (close() writes what is left), or failed: the next durable write tries again.
            if (!store.isClosed()) {
                log.warn("Writing the embedded database's unsaved changes failed: {}", e.toString());
            }
        }
    }
}
