package io.opsbot.core.conversation;

import io.opsbot.core.tenant.TenantRef;
import io.opsbot.core.tenant.UserRef;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class ArrivalOrderTest {

    static final UserRef ANA = new UserRef(TenantRef.slack("T1"), "U0ANA");
    static final UserRef BO = new UserRef(TenantRef.slack("T1"), "U0BO");

    final ExecutorService pool = Executors.newFixedThreadPool(4);
    final ArrivalOrder inOrder = new ArrivalOrder(pool);

    @AfterEach
    void stop() {
        pool.shutdownNow();
    }

    @Test
    void aPersonsSecondMessageWaitsUntilTheFirstIsHandled() throws InterruptedException {
        CountDownLatch firstMayFinish = new CountDownLatch(1);
        CountDownLatch secondStarted = new CountDownLatch(1);
        List<String> handled = new CopyOnWriteArrayList<>();
        inOrder.execute(ANA, () -> {
            waitFor(firstMayFinish);
            handled.add("Release notes");
        });
        inOrder.execute(ANA, () -> {
            secondStarted.countDown();
            handled.add("Demo prep");
        });

        // Three threads are free, yet the second message is not taken while the first is handled.
        assertThat(secondStarted.await(300, TimeUnit.MILLISECONDS)).isFalse();
        firstMayFinish.countDown();
        await().atMost(Duration.ofSeconds(5)).until(() -> handled.size() == 2);
        assertThat(handled).containsExactly("Release notes", "Demo prep");
    }

    @Test
    void manyMessagesOfOnePersonAreHandledInTheOrderTheyCame() {
        List<Integer> handled = new CopyOnWriteArrayList<>();
        for (int i = 0; i < 200; i++) {
            int n = i;
            inOrder.execute(ANA, () -> handled.add(n));
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> handled.size() == 200);
        assertThat(handled).isSorted();
        await().atMost(Duration.ofSeconds(5)).until(() -> inOrder.pending() == 0);
    }

    @Test
    void anotherPersonIsNotHeldUpByThem() {
        CountDownLatch anaMayFinish = new CountDownLatch(1);
        List<String> handled = new CopyOnWriteArrayList<>();
        inOrder.execute(ANA, () -> {
            waitFor(anaMayFinish);
            handled.add("Ana");
        });
        inOrder.execute(BO, () -> handled.add("Bo"));

        await().atMost(Duration.ofSeconds(5)).until(() -> handled.contains("Bo"));
        assertThat(handled).containsExactly("Bo");
        anaMayFinish.countDown();
        await().atMost(Duration.ofSeconds(5)).until(() -> handled.size() == 2);
    }

    @Test
    void aFailureDoesNotStopTheNextMessage() {
        List<String> handled = new CopyOnWriteArrayList<>();
        inOrder.execute(ANA, () -> {
            throw new IllegalStateException("the database went away");
        });
        inOrder.execute(ANA, () -> handled.add("next"));

        await().atMost(Duration.ofSeconds(5)).until(() -> handled.contains("next"));
        await().atMost(Duration.ofSeconds(5)).until(() -> inOrder.pending() == 0);
    }

    private static void waitFor(CountDownLatch latch) {
        try {
            assertThat(latch.await(10, TimeUnit.SECONDS)).isTrue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
