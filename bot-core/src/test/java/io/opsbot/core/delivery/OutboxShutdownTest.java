package io.opsbot.core.delivery;

import io.opsbot.core.gateway.Destination;
import io.opsbot.core.message.Message;
import io.opsbot.core.tenant.TenantRef;
import io.opsbot.core.testing.CoreTestApplication;
import io.opsbot.core.testing.MongoTestServer;
import io.opsbot.core.testing.RecordingChatGateway;
import io.opsbot.core.testing.Tenants;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A graceful shutdown in the middle of sending: the sends in flight finish and are recorded, nothing stays leased,
 * and the next instance sends the rest at once, each message once.
 */
class OutboxShutdownTest {

    private final List<ConfigurableApplicationContext> running = new ArrayList<>();
    private final String database = "shutdown_" + UUID.randomUUID().toString().substring(0, 8);

    @AfterEach
    void stopAll() {
        running.forEach(ConfigurableApplicationContext::close);
    }

    private ConfigurableApplicationContext instance() {
        ConfigurableApplicationContext context = new SpringApplicationBuilder(CoreTestApplication.class)
                .properties("spring.mongodb.uri=" + MongoTestServer.uri(database),
                        "spring.quartz.auto-startup=false", "spring.main.banner-mode=off").run();
        running.add(context);
        return context;
    }

    private static RecordingChatGateway slack(ConfigurableApplicationContext app) {
        return app.getBean("slackGateway", RecordingChatGateway.class);
    }

    @Test
    void inFlightSendsFinishAndTheRestIsLeftForTheNextInstance() {
        ConfigurableApplicationContext first = instance();
        RecordingChatGateway firstSlack = slack(first);
        firstSlack.slowDown(Duration.ofMillis(150));
        TenantRef tenant = Tenants.slack();
        Outbox outbox = first.getBean(Outbox.class);
        for (int i = 0; i < 40; i++) {
            outbox.enqueue("shutdown:" + i, new Destination.Channel(tenant, "C" + i), Message.text("n" + i), null);
        }
        await().until(() -> firstSlack.sent().size() >= 2);

        first.close();

        MongoTemplate mongo = instance().getBean(MongoTemplate.class);
        List<Delivery> all = mongo.find(Query.query(Criteria.where("_id").regex("^shutdown:")), Delivery.class);
        assertThat(all).hasSize(40).allMatch(d -> d.getLeaseUntil() == null, "no lease left behind");
        long sentBefore = all.stream().filter(d -> d.getState() == Delivery.State.SENT).count();
        assertThat(sentBefore).as("every send that started was finished and recorded")
                .isEqualTo(firstSlack.sent().size()).isLessThan(40);

        ConfigurableApplicationContext second = running.get(1);
        second.getBean(Outbox.class).retryDue();
        await().until(() -> slack(second).sent().size() == 40 - sentBefore);
        List<String> channels = new ArrayList<>();
        firstSlack.sent().forEach(s -> channels.add(((Destination.Channel) s.destination()).channelId()));
        slack(second).sent().forEach(s -> channels.add(((Destination.Channel) s.destination()).channelId()));
        assertThat(channels).hasSize(40).doesNotHaveDuplicates();
    }
}
