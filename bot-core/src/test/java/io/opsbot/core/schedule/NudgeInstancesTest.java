package io.opsbot.core.schedule;

import io.opsbot.core.cluster.Instances;
import io.opsbot.core.testing.CoreTestApplication;
import io.opsbot.core.testing.MongoTestServer;
import io.opsbot.core.testing.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Nudges on one database shared by several instances: a nudge scheduled on one fires on another while the first is
 * stopped, fires once with both polling, and one whose instance went silent while firing it is fired again by the
 * instance still alive once it notices.
 */
class NudgeInstancesTest {

    static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");
    static final List<String> FIRED = new CopyOnWriteArrayList<>();
    static volatile CountDownLatch hang = new CountDownLatch(0);

    /** Records each firing with the instance it ran on; "hang" nudges block until the test lets them go. */
    @Configuration(proxyBeanMethods = false)
    static class Recorder {
        @Bean
        NudgeHandler recorder(Instances instances) {
            return new NudgeHandler() {
                public Set<String> kinds() {
                    return Set.of("test");
                }

                public void fire(Nudge nudge) {
                    FIRED.add(nudge.subject() + "@" + instances.id());
                    if (nudge.subject().startsWith("hang")) {
                        try {
                            hang.await(10, TimeUnit.SECONDS);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                    }
                }

                public void rebuild() {
                }
            };
        }
    }

    private final List<ConfigurableApplicationContext> running = new ArrayList<>();
    private final String database = "nudges_" + UUID.randomUUID().toString().substring(0, 8);

    @AfterEach
    void stopAll() {
        hang.countDown();
        running.forEach(ConfigurableApplicationContext::close);
        FIRED.clear();
    }

    private ConfigurableApplicationContext instance() {
        ConfigurableApplicationContext context = new SpringApplicationBuilder(CoreTestApplication.class,
                Recorder.class).properties("spring.mongodb.uri=" + MongoTestServer.uri(database),
                "spring.quartz.auto-startup=false", "spring.main.banner-mode=off",
                "opsbot.instances.gone-after=30s").run();
        context.getBean(MutableClock.class).set(T0);
        running.add(context);
        return context;
    }

    private static String id(ConfigurableApplicationContext app) {
        return app.getBean(Instances.class).id();
    }

    @Test
    void scheduledOnOneFiredByAnotherWhileTheFirstIsStopped() {
        ConfigurableApplicationContext a = instance();
        ConfigurableApplicationContext b = instance();
        a.getBean(NudgeScheduler.class).schedule(new Nudge("test", "from-a", "", T0.plusSeconds(60)));
        String bId = id(b);
        a.close();

        b.getBean(MutableClock.class).set(T0.plusSeconds(61));
        b.getBean(NudgeScheduler.class).tick();

        assertThat(FIRED).containsExactly("from-a@" + bId);
        assertThat(b.getBean(NudgeScheduler.class).pending()).isEmpty();
    }

    @Test
    void withBothPollingEachNudgeFiresOnce() throws Exception {
        ConfigurableApplicationContext a = instance();
        ConfigurableApplicationContext b = instance();
        for (int i = 0; i < 50; i++) {
            a.getBean(NudgeScheduler.class).schedule(new Nudge("test", "n" + i, "", T0.plusSeconds(i)));
        }
        a.getBean(MutableClock.class).set(T0.plusSeconds(60));
        b.getBean(MutableClock.class).set(T0.plusSeconds(60));

        CompletableFuture<Void> onA = CompletableFuture.runAsync(() -> a.getBean(NudgeScheduler.class).fireDue());
        CompletableFuture<Void> onB = CompletableFuture.runAsync(() -> b.getBean(NudgeScheduler.class).fireDue());
        CompletableFuture.allOf(onA, onB).get(30, TimeUnit.SECONDS);

        assertThat(FIRED).hasSize(50);
        assertThat(FIRED.stream().map(f -> f.substring(0, f.indexOf('@')))).doesNotHaveDuplicates();
    }

    @Test
    void aNudgeHeldByAnInstanceThatWentSilentIsFiredByTheOneStillAlive() throws Exception {
        hang = new CountDownLatch(1);
        ConfigurableApplicationContext a = instance();
        ConfigurableApplicationContext b = instance();
        a.getBean(NudgeScheduler.class).schedule(new Nudge("test", "hang-1", "", T0));
        CompletableFuture<Void> stuck = CompletableFuture.runAsync(() -> a.getBean(NudgeScheduler.class).fireDue());
        await().until(() -> FIRED.size() == 1);

        // B is alive (it beats); A has not been heard of for 40 s: B frees what A holds, and fires it.
        MutableClock bClock = b.getBean(MutableClock.class);
        bClock.set(T0.plus(Duration.ofSeconds(40)));
        b.getBean(Instances.class).tick();
        b.getBean(NudgeScheduler.class).tick();

        assertThat(FIRED).containsExactly("hang-1@" + id(a), "hang-1@" + id(b));
        hang.countDown();
        stuck.get(10, TimeUnit.SECONDS);
        assertThat(b.getBean(NudgeScheduler.class).pending()).isEmpty();
    }
}
