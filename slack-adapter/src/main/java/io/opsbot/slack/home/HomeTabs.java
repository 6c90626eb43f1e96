package io.opsbot.slack.home;

import io.opsbot.core.config.CoreConfiguration;
import io.opsbot.core.delivery.Delivery;
import io.opsbot.core.delivery.Outbox;
import io.opsbot.core.gateway.Destination;
import io.opsbot.core.home.HomeCards;
import io.opsbot.core.home.HomeService;
import io.opsbot.core.message.Message;
import io.opsbot.core.storage.Lookups;
import io.opsbot.core.tenant.UserRef;
import io.opsbot.slack.config.SlackProperties;
import io.opsbot.slack.outbound.HomeTabStale;
import io.opsbot.slack.outbound.SlackPeopleDirectory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.event.EventListener;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.mapping.Document;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Each person's App Home tab: the same "waiting for me" list as {@code /home} and the Teams personal home, built by
 * the core. Published when they open the tab and again, a moment after anything on it may have changed (the bot DMed
 * them, they clicked or typed something), several changes in that moment being one publish. Publishing goes through
 * the outbox (retried, one at a time per person): the first publish is a delivery, later ones are edits of it; a
 * person who never opened the tab gets none.
 */
@Component
public class HomeTabs implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(HomeTabs.class);

    /** Who has opened their Home tab, and which outbox delivery holds it. */
    @Document(HomeTab.COLLECTION)
    static class HomeTab {
        static final String COLLECTION = "slack_home_tabs";
        @Id
        String id;
        UserRef user;
        Instant openedAt;
        /** Starts a new delivery when the last one failed for good (an uninstall, say). */
        int generation;
    }

    /** How long the first person due waits for others, so that their tabs are looked up together. */
    static final Duration GATHER = Duration.ofMillis(250);

    private final MongoTemplate mongo;
    private final Outbox outbox;
    private final HomeService homes;
    private final SlackPeopleDirectory people;
    private final Clock clock;
    private final Duration delay;
    /** The person is looking at the tab: it is built there, never behind a fan-out's paced sends. */
    private final Executor interactive;
    private final Map<String, Boolean> waiting = new ConcurrentHashMap<>();
    /** People whose moment has passed, to be published together; only touched on the timer's thread. */
    private final List<UserRef> due = new ArrayList<>();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "opsbot-home-tabs");
        thread.setDaemon(true);
        return thread;
    });

    public HomeTabs(MongoTemplate mongo, Outbox outbox, HomeService homes, SlackPeopleDirectory people, Clock clock,
                    SlackProperties properties,
                    @Qualifier(CoreConfiguration.INTERACTIVE_EXECUTOR) Executor interactive) {
        this.mongo = mongo;
        this.outbox = outbox;
        this.homes = homes;
        this.people = people;
        this.clock = clock;
        this.delay = properties.homeTabDelay();
        this.interactive = interactive;
    }

    /**
     * The person opened their Home tab (or asked to refresh it): it is published now, off the caller's thread, on the
     * interactive pool (Slack shows the last one published until then).
     */
    public void opened(UserRef user) {
        interactive.execute(() -> {
            mongo.upsert(Query.query(Criteria.where("_id").is(user.key())), new Update().set("user", user)
                    .set("openedAt", clock.instant()).setOnInsert("generation", 0), HomeTab.class);
            publish(user);
        });
    }

    /** What the person's Home tab shows may have changed: it is published again shortly, once. */
    public void changed(UserRef user) {
        if (waiting.putIfAbsent(user.key(), Boolean.TRUE) == null) {
            timer.schedule(() -> due(user), delay.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /**
     * The person's moment has passed. Everyone whose moment passes within the next {@link #GATHER} is handled with
     * them, on the timer's one thread: a fan-out DMs thousands of people in a minute, a few every few milliseconds, and
     * whether they opened their tab is then one read for each gathering rather than one each (most never did).
     */
    private void due(UserRef user) {
        due.add(user);
        if (due.size() == 1) {
            timer.schedule(this::publishDue, GATHER.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private void publishDue() {
        List<UserRef> batch = new ArrayList<>(due);
        due.clear();
        batch.forEach(user -> waiting.remove(user.key()));
        Set<String> opened;
        try {
            opened = Lookups.existingIds(mongo, batch.stream().map(UserRef::key).toList(), HomeTab.COLLECTION);
        } catch (RuntimeException e) {
            log.warn("Could not publish the Home tabs of {} people: {}", batch.size(), e.toString());
            return;
        }
        for (UserRef user : batch) {
            if (opened.contains(user.key())) {
                try {
                    publish(user);
                } catch (RuntimeException e) {
                    log.warn("Could not publish the Home tab of {}: {}", user, e.toString());
                }
            }
        }
    }

    @EventListener
    void onStale(HomeTabStale stale) {
        changed(stale.user());
    }

    /** Builds the person's home now and hands it to the outbox: a first publish, or an edit of the last one. */
    void publish(UserRef user) {
        Message home = HomeCards.card(homes.of(user, people.zone(user).orElse(null)));
        HomeTab tab = mongo.findById(user.key(), HomeTab.class);
        int generation = tab == null ? 0 : tab.generation;
        String key = key(user, generation);
        Delivery last = outbox.find(key).orElse(null);
        if (last != null && (last.getState() == Delivery.State.FAILED || last.getState() == Delivery.State.EXPIRED)) {
            HomeTab next = mongo.findAndModify(Query.query(Criteria.where("_id").is(user.key())),
                    new Update().inc("generation", 1), FindAndModifyOptions.options().returnNew(true), HomeTab.class);
            key = key(user, next == null ? generation + 1 : next.generation);
            last = null;
        }
        if (last != null || !outbox.enqueue(key, new Destination.Home(user), home, null)) {
            outbox.update(key, home);
        }
    }

    private static String key(UserRef user, int generation) {
        return "slack-home:" + user.key() + ":" + generation;
    }

    @Override
    public void destroy() {
        timer.shutdownNow();
    }
}
