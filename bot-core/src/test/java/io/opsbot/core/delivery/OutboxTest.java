package io.opsbot.core.delivery;

import io.opsbot.core.cluster.Instances;
import io.opsbot.core.gateway.DeliveryException;
import io.opsbot.core.gateway.FileSender;
import io.opsbot.core.gateway.Messenger;
import io.opsbot.core.gateway.Destination;
import io.opsbot.core.message.Markup;
import io.opsbot.core.message.Message;
import io.opsbot.core.tenant.TenantRef;
import io.opsbot.core.tenant.UserRef;
import io.opsbot.core.testing.CoreTest;
import io.opsbot.core.testing.DatabaseCommands;
import io.opsbot.core.testing.MutableClock;
import io.opsbot.core.testing.RecordingChatGateway;
import io.opsbot.core.testing.Tenants;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.Mockito;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@CoreTest
class OutboxTest {

    @Autowired
    Outbox outbox;
    @Autowired
    MutableClock clock;
    @Autowired
    MongoTemplate mongo;
    @Autowired
    @Qualifier("teamsGateway")
    RecordingChatGateway teams;
    @Autowired
    Messenger messenger;
    @Autowired
    ObjectProvider<FileSender> files;
    @Autowired
    ObjectProvider<Instances> instances;
    @Autowired
    OutboxProperties properties;
    @Autowired
    DatabaseCommands commands;

    private TenantRef tenant;
    private String prefix;

    @BeforeEach
    void setUp() {
        tenant = Tenants.teams();
        prefix = "test:" + UUID.randomUUID() + ":";
        teams.clear();
    }

    /** What was sent for this test's tenant: the gateway and the outbox are shared by the test class. */
    private java.util.List<RecordingChatGateway.Sent> sent() {
        return teams.sent().stream().filter(s -> s.destination().tenant().equals(tenant)).toList();
    }

    private Destination.Channel channel() {
        return new Destination.Channel(tenant, "19:general@thread.tacv2");
    }

    @Test
    void aKeyIsSentOnceHoweverOftenItIsEnqueued() {
        assertThat(outbox.enqueue(prefix + "a", channel(), Message.text("hello"), null)).isTrue();
        assertThat(outbox.enqueue(prefix + "a", channel(), Message.text("hello again"), null)).isFalse();

        await().until(() -> outbox.find(prefix + "a").orElseThrow().getState() == Delivery.State.SENT);
        outbox.retryDue();
        assertThat(sent()).singleElement().satisfies(s -> assertThat(s.message().summary()).isEqualTo("hello"));
    }

    @Test
    void concurrentAttemptsFromTwoInstancesSendOnce() throws InterruptedException {
        String key = prefix + "race";
        outbox.sendNow(key, channel(), Message.text("x"), null);
        teams.clear();
        String second = prefix + "race2";
        outbox.enqueue(second, channel(), Message.text("y"), null);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        CountDownLatch start = new CountDownLatch(1);
        for (int i = 0; i < 8; i++) {
            pool.execute(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                outbox.deliver(second);
            });
        }
        start.countDown();
        pool.shutdown();
        assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
        await().until(() -> outbox.find(second).orElseThrow().getState() == Delivery.State.SENT);
        assertThat(sent()).filteredOn(s -> s.message().summary().equals("y")).hasSize(1);
    }

    @Test
    void aDeliveryStoredBeforeLeaseVersionsIsSentOnceAndThenVersioned() throws InterruptedException {
        String key = prefix + "old";
        outbox.enqueue(key, channel(), Message.text("from before"), null);
        await().until(() -> outbox.find(key).orElseThrow().getState() == Delivery.State.SENT);
        // As a delivery written by an older version of the bot: pending, and no version field to compare with.
        mongo.updateFirst(Query.query(Criteria.where("_id").is(key)), new Update().set("state",
                Delivery.State.PENDING).unset("leaseVersion").unset("posted"), Delivery.class);
        teams.clear();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        for (int i = 0; i < 4; i++) {
            pool.execute(() -> outbox.deliver(key));
        }
        pool.shutdown();
        assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();

        assertThat(sent()).filteredOn(s -> s.message().summary().equals("from before")).hasSize(1);
        assertThat(outbox.find(key).orElseThrow().getState()).isEqualTo(Delivery.State.SENT);
        assertThat(outbox.find(key).orElseThrow().getLeaseVersion()).isPositive();
    }

    @Test
    void aReplyWaitsForItsThreadAndGoesIntoIt() {
        teams.failNext(new DeliveryException(DeliveryException.Reason.TRANSIENT, "502"));
        outbox.enqueue(prefix + "summary", channel(), Message.text("Standup"), null);
        await().until(() -> outbox.find(prefix + "summary").orElseThrow().getLastError() != null);

        outbox.enqueueReply(prefix + "report", prefix + "summary", channel(), Message.text("My report"), null);
        await().until(() -> outbox.find(prefix + "report").orElseThrow().getLeaseUntil() == null
                && outbox.find(prefix + "report").orElseThrow().getNextAttemptAt().isAfter(clock.instant()));
        assertThat(sent()).isEmpty();

        clock.advance(Duration.ofSeconds(30));
        outbox.retryDue();

        await().until(() -> sent().size() == 2);
        assertThat(sent()).extracting(s -> s.message().summary()).containsExactly("Standup", "My report");
        String summaryId = outbox.posted(prefix + "summary").orElseThrow().messageId();
        assertThat(sent().get(1).destination()).isEqualTo(channel().inThread(summaryId));
    }

    @Test
    void aReplyWhoseThreadIsSentDuringItsOwnAttemptGoesOutWithoutWaiting() {
        String summary = prefix + "summary";
        String report = prefix + "report";
        // Retry-After an hour: no wake-up sweep takes the thread or the reply during the test.
        teams.failNext(new DeliveryException(DeliveryException.Reason.RATE_LIMITED, "429", Duration.ofHours(1),
                null));
        outbox.enqueue(summary, channel(), Message.text("Standup"), null);
        await().until(() -> outbox.find(summary).orElseThrow().getLastError() != null);
        // The reply's attempt reads its thread as pending; the thread's message is then sent (by another thread or
        // instance) before that attempt lets go of the reply.
        MongoTemplate racing = Mockito.spy(mongo);
        AtomicBoolean raced = new AtomicBoolean();
        Mockito.doAnswer(call -> {
            Object read = call.callRealMethod();
            if (raced.compareAndSet(false, true)) {
                mongo.updateFirst(Query.query(Criteria.where("_id").is(summary)),
                        new Update().set("nextAttemptAt", clock.instant()), Delivery.class);
                outbox.deliver(summary);
            }
            return read;
        }).when(racing).findById(summary, Delivery.class);
        // The reply's attempts run on the calling thread, so no busy pool can hold them up.
        Outbox replying = new Outbox(racing, messenger, files, Runnable::run, Runnable::run, instances, properties, clock);

        replying.enqueueReply(report, summary, channel(), Message.text("My report"), null);

        // The clock stands still, so the thread wait never ends here: only a send now passes.
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(outbox.find(report).orElseThrow()
                .getState()).as("the reply, with its thread %s", outbox.find(summary).map(Delivery::getState))
                .isEqualTo(Delivery.State.SENT));
        assertThat(raced).isTrue();
        assertThat(sent()).extracting(s -> s.message().summary()).containsExactly("Standup", "My report");
    }

    @Test
    void editsOfASentMessageAreAppliedInPlaceAndRetried() {
        outbox.sendNow(prefix + "card", channel(), Message.text("v1"), null);
        teams.failNext(new DeliveryException(DeliveryException.Reason.RATE_LIMITED, "429", Duration.ofSeconds(5),
                null));

        outbox.update(prefix + "card", Message.of(Markup.bold("v2")));
        // The first edit hits the rate limit; it is kept and retried after Retry-After.
        await().until(() -> outbox.find(prefix + "card").orElseThrow().getLastError() != null);
        assertThat(outbox.find(prefix + "card").orElseThrow().isUpdatePending()).isTrue();

        clock.advance(Duration.ofSeconds(5));
        outbox.retryDue();

        assertThat(outbox.find(prefix + "card").orElseThrow().isUpdatePending()).isFalse();
        assertThat(teams.updated()).filteredOn(u -> u.posted().destination().tenant().equals(tenant))
                .last().satisfies(u -> assertThat(u.message().summary()).isEqualTo("v2"));
        assertThat(sent()).hasSize(1);
    }

    @Test
    void aMessageNotSentBeforeItExpiresIsDropped() {
        teams.failNext(new DeliveryException(DeliveryException.Reason.TRANSIENT, "timeout"));
        outbox.enqueue(prefix + "prompt", new Destination.Direct(new UserRef(tenant, "29:ana")),
                Message.text("Standup time"), clock.instant().plus(Duration.ofMinutes(10)));
        await().until(() -> outbox.find(prefix + "prompt").orElseThrow().getLastError() != null);

        clock.advance(Duration.ofHours(1));
        outbox.retryDue();

        assertThat(outbox.find(prefix + "prompt").orElseThrow().getState()).isEqualTo(Delivery.State.EXPIRED);
        assertThat(sent()).isEmpty();
    }

    @Test
    void unreachableRecipientsAreNotRetried() {
        teams.failNext(new DeliveryException(DeliveryException.Reason.UNREACHABLE, "403 not in roster"));
        outbox.enqueue(prefix + "dm", new Destination.Direct(new UserRef(tenant, "29:gone")), Message.text("hi"),
                null);

        await().until(() -> outbox.find(prefix + "dm").orElseThrow().getState() == Delivery.State.FAILED);
        assertThat(outbox.find(prefix + "dm").orElseThrow().getLastError()).isEqualTo("403 not in roster");
    }
    /** One part of an answer (what a person waits for, sent on the interactive pool). */
    private List<Outbox.Outgoing> answer(String key, String text) {
        return List.of(new Outbox.Outgoing(prefix + key, channel(), Message.text(text), null));
    }

    @Test
    void anAnswerIsStoredLeasedSoItsAttemptWritesOnlyOnceItIsSent() {
        // Sends on the calling thread, so the commands of the whole attempt are the calling thread's.
        Outbox direct = new Outbox(mongo, messenger, files, Runnable::run, Runnable::run, instances, properties, clock);

        List<String> sent = commands.during(() -> direct.enqueueInOrder(answer("now", "at once"), null));

        // The insert carries the lease: no write between it and the send (on the embedded database, a commit).
        assertThat(sent).containsExactly("insert deliveries", "findAndModify deliveries");
        Delivery delivery = outbox.find(prefix + "now").orElseThrow();
        assertThat(delivery.getState()).isEqualTo(Delivery.State.SENT);
        assertThat(delivery.getAttempts()).isZero();
        assertThat(delivery.getLeaseUntil()).isNull();
        assertThat(delivery.getLeaseToken()).isNull();
        assertThat(sent()).singleElement().satisfies(s -> assertThat(s.message().summary()).isEqualTo("at once"));
    }

    @Test
    void aMessageStoredWhileThePoolRefusesWorkIsGivenBackForTheNextSweep() {
        Outbox refusing = new Outbox(mongo, messenger, files, task -> {
            throw new RejectedExecutionException("shutting down");
        }, task -> {
            throw new RejectedExecutionException("shutting down");
        }, instances, properties, clock);

        refusing.enqueueInOrder(answer("later", "after the restart"), null);

        Delivery stored = outbox.find(prefix + "later").orElseThrow();
        assertThat(stored.getState()).isEqualTo(Delivery.State.PENDING);
        assertThat(stored.getLeaseUntil()).as("not held until the lease runs out").isNull();
        assertThat(stored.getAttempts()).isZero();
        assertThat(sent()).isEmpty();
        outbox.deliver(prefix + "later");
        assertThat(outbox.find(prefix + "later").orElseThrow().isInDoubt()).isFalse();
        assertThat(sent()).singleElement().satisfies(s -> assertThat(s.message().summary())
                .isEqualTo("after the restart"));
    }

    @Test
    void anAttemptThatWaitedLongForThePoolRenewsItsLeaseOrLeavesItToWhoeverTookIt() {
        List<Runnable> queued = new ArrayList<>();
        Outbox slow = new Outbox(mongo, messenger, files, queued::add, queued::add, instances, properties, clock);
        slow.enqueueInOrder(answer("renewed", "renewed"), null);
        slow.enqueueInOrder(answer("taken", "taken"), null);
        assertThat(queued).hasSize(2);

        // Most of the lease went by in the queue: the attempt renews it before it sends.
        clock.advance(properties.lease().dividedBy(2));
        queued.get(0).run();
        assertThat(outbox.find(prefix + "renewed").orElseThrow().getState()).isEqualTo(Delivery.State.SENT);

        // The lease ran out and another attempt (another instance's sweep) took the delivery and sent it meanwhile.
        clock.advance(properties.lease());
        outbox.deliver(prefix + "taken");
        assertThat(outbox.find(prefix + "taken").orElseThrow().getState()).isEqualTo(Delivery.State.SENT);
        queued.get(1).run();

        assertThat(sent()).extracting(s -> s.message().summary()).containsExactly("renewed", "taken");
    }

    @Test
    void aMessageForTheOutboundPoolIsLeasedOnlyAsItsAttemptBeginsSoASweepCanSendItMeanwhile() {
        // The outbound pool may hold it behind a fan-out: a sweep must be able to take it while it waits there.
        List<Runnable> queued = new ArrayList<>();
        Outbox busy = new Outbox(mongo, messenger, files, queued::add, queued::add, instances, properties, clock);
        busy.enqueue(prefix + "post", channel(), Message.text("to the channel"), null);
        assertThat(outbox.find(prefix + "post").orElseThrow().getLeaseUntil()).isNull();

        outbox.retryDue();
        queued.forEach(Runnable::run);

        assertThat(outbox.find(prefix + "post").orElseThrow().getState()).isEqualTo(Delivery.State.SENT);
        assertThat(sent()).singleElement().satisfies(s -> assertThat(s.message().summary())
                .isEqualTo("to the channel"));
    }
}
