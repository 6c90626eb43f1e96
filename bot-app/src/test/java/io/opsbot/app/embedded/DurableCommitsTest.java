package io.opsbot.app.embedded;

import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.Page;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A commit never writes a command half-way through its changes (a document and its index, say), and rewrites pages of
 * a few documents each.
 */
class DurableCommitsTest {

    @TempDir
    Path data;
    private MVStore store;

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void aCommitWaitsForTheWriteCommandInProgressAndWritesAllOfIt() throws Exception {
        store = DurableCommits.storeOptions(new MVStore.Builder().fileName(data.resolve("t.mv.db").toString()),
                Durability.FSYNC).open();
        DurableCommits commits = new DurableCommits(store, Durability.FSYNC, Duration.ofHours(1));
        MVMap<String, Long> documents = store.openMap("documents");
        MVMap<String, String> index = store.openMap("index");
        CountDownLatch halfWay = new CountDownLatch(1);
        CountDownLatch finish = new CountDownLatch(1);

        CompletableFuture<Void> command = CompletableFuture.runAsync(() -> commits.changing(() -> {
            documents.put("bucket", 2L);
            halfWay.countDown();
            await(finish);
            index.put("bucket:2", "bucket");
            return null;
        }));
        assertThat(halfWay.await(10, TimeUnit.SECONDS)).isTrue();
        CompletableFuture<Void> commit = CompletableFuture.runAsync(commits::afterWrite);

        Thread.sleep(300);
        assertThat(commit).as("no commit while the command is half-way").isNotDone();
        finish.countDown();
        command.get(10, TimeUnit.SECONDS);
        commit.get(10, TimeUnit.SECONDS);

        store.close();
        store = new MVStore.Builder().fileName(data.resolve("t.mv.db").toString()).readOnly().open();
        assertThat(store.<String, Long>openMap("documents").get("bucket")).isEqualTo(2L);
        assertThat(store.<String, String>openMap("index").get("bucket:2")).isEqualTo("bucket");
    }

    @Test
    void aPageHoldsAFewDocumentsSoACommitEncodesFewAgain() {
        store = DurableCommits.storeOptions(new MVStore.Builder().fileName(data.resolve("t.mv.db").toString()),
                Durability.FSYNC).open();
        MVMap<Object, de.bwaldvogel.mongo.bson.Document> feedback = BsonStoredType.documents(store, "feedback");
        for (int i = 0; i < 500; i++) {
            // About a kilobyte each, as a feedback item with a few lines of details.
            feedback.put("item-" + i, new de.bwaldvogel.mongo.bson.Document("number", (long) i)
                    .append("summary", "Export times out " + i).append("details", "x".repeat(900)));
        }
        store.commit();

        // With H2's default for a store on file (16 KB) a page held about fifteen of them.
        assertThat(mostKeysOnALeaf(feedback.getRootPage())).isBetween(2, 4);
    }

    private static int mostKeysOnALeaf(Page<?, ?> page) {
        if (page.isLeaf()) {
            return page.getKeyCount();
        }
        int most = 0;
        for (int i = 0; i < page.getRawChildPageCount(); i++) {
            most = Math.max(most, mostKeysOnALeaf(page.getChildPage(i)));
        }
        return most;
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
