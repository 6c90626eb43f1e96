package io.opsbot.app.embedded;

import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** A commit never writes a command half-way through its changes (a document and its index, say). */
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

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
