package io.opsbot.core.schedule;

import io.opsbot.core.testing.CoreTest;
import io.opsbot.core.testing.DatabaseCommands;
import io.opsbot.core.testing.MutableClock;
import io.opsbot.core.testing.NudgeDriver;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/** Nudges are stored in MongoDB; the driver fires them in time order against the movable clock. */
@CoreTest
class NudgeSchedulerTest {

    static final List<String> FIRED = new CopyOnWriteArrayList<>();

    @TestConfiguration
    static class Ticker {
        @Bean
        NudgeHandler ticker(NudgeScheduler nudges) {
            return new NudgeHandler() {
                public Set<String> kinds() {
                    return Set.of("tick");
                }

                public void fire(Nudge nudge) {
                    FIRED.add(nudge.subject() + "@" + nudge.at());
                    if (nudge.subject().equals("repeat")) {
                        nudges.schedule(new Nudge("tick", "repeat", "", nudge.at().plus(Duration.ofHours(1))));
                    }
                }

                public void rebuild() {
                }
            };
        }
    }

    @Autowired
    NudgeScheduler nudges;
    @Autowired
    NudgeDriver driver;
    @Autowired
    MutableClock clock;
    @Autowired
    DatabaseCommands commands;
    @Autowired
    MongoTemplate mongo;

    @Test
    void nudgesFireInTimeOrderIncludingOnesScheduledWhileFiring() {
        FIRED.clear();
        Instant now = clock.instant();
        nudges.schedule(new Nudge("tick", "late", "", now.plus(Duration.ofMinutes(90))));
        nudges.schedule(new Nudge("tick", "repeat", "", now.plus(Duration.ofMinutes(10))));
        nudges.schedule(new Nudge("tick", "gone", "", now.plus(Duration.ofMinutes(20))));
        nudges.cancel("tick", "gone");

        driver.runUntil(now.plus(Duration.ofHours(2)));

        assertThat(FIRED).containsExactly(
                "repeat@" + now.plus(Duration.ofMinutes(10)),
                "repeat@" + now.plus(Duration.ofMinutes(70)),
                "late@" + now.plus(Duration.ofMinutes(90)));
        assertThat(clock.instant()).isEqualTo(now.plus(Duration.ofHours(2)));
        assertThat(nudges.pending()).extracting(Nudge::subject).containsExactly("repeat");
        nudges.cancel("tick", "repeat");
    }

    @Test
    void reschedulingTheSameNudgeKeepsOneTrigger() {
        Instant at = clock.instant().plus(Duration.ofDays(3));
        nudges.schedule(new Nudge("tick", "once", "g", at));
        nudges.schedule(new Nudge("tick", "once", "g", at));

        assertThat(nudges.pending()).filteredOn(n -> n.subject().equals("once")).hasSize(1);
        nudges.cancel("tick", "once");
        assertThat(nudges.pending()).noneMatch(n -> n.subject().equals("once"));
    }

    @Test
    void replacingASubjectsNudgesWritesOnlyWhatDiffersAndLeavesLeasedOnesAndOtherSubjectsAlone() {
        Instant at = clock.instant().plus(Duration.ofDays(5));
        Nudge kept = new Nudge("tick", "swap", "Europe/Berlin", at);
        Nudge stale = new Nudge("tick", "swap", "America/New_York", at);
        Nudge leased = new Nudge("tick", "swap", "Asia/Kolkata", at);
        Nudge otherSubject = new Nudge("tick", "bystander", "", at);
        List.of(kept, stale, leased, otherSubject).forEach(nudges::schedule);
        // Being fired by an instance: not this replacement's to cancel.
        mongo.updateFirst(Query.query(Criteria.where("_id").is(NudgeScheduler.id(leased))),
                new Update().set("leaseUntil", at).set("leasedBy", "elsewhere"), NudgeScheduler.COLLECTION);
        long version = markerVersion();
        Nudge added = new Nudge("tick", "swap", "Asia/Tokyo", at);

        List<String> sent = commands.during(() -> nudges.replace(Set.of("tick"), Set.of("swap"), List.of(kept, added)));

        assertThat(sent).containsExactly("find nudges", "delete nudges", "update nudges", "update nudge_marker");
        assertThat(storedGroups("swap")).containsExactlyInAnyOrder("Europe/Berlin", "Asia/Tokyo", "Asia/Kolkata");
        assertThat(storedGroups("bystander")).containsExactly("");
        assertThat(markerVersion()).isEqualTo(version + 1);

        // Nothing differs: one read, no write, and the other instances are not sent looking.
        assertThat(commands.during(() -> nudges.replace(Set.of("tick"), Set.of("swap"), List.of(kept, added))))
                .containsExactly("find nudges");
        assertThat(markerVersion()).isEqualTo(version + 1);

        mongo.remove(Query.query(Criteria.where("subject").in("swap", "bystander")), NudgeScheduler.COLLECTION);
    }

    @Test
    void cancellingManyRemovesThemByIdInSlices() {
        Instant at = clock.instant().plus(Duration.ofDays(7));
        List<Nudge> many = java.util.stream.IntStream.range(0, 250)
                .mapToObj(i -> new Nudge("tick", "crowd", "g" + i, at)).toList();
        nudges.scheduleAll(many);

        List<String> sent = commands.during(() -> nudges.replace(Set.of("tick"), Set.of("crowd"), List.of()));

        // 250 ids: 200, then 50 (a long $in list is matched value by value on the embedded server).
        assertThat(sent).containsExactly("find nudges", "delete nudges", "delete nudges", "update nudge_marker");
        assertThat(storedGroups("crowd")).isEmpty();
    }

    @Test
    void schedulingManyAtOnceIsOneBatchAndSchedulesEachOnce() {
        Instant at = clock.instant().plus(Duration.ofDays(6));
        List<Nudge> batch = List.of(new Nudge("tick", "many-1", "", at), new Nudge("tick", "many-2", "", at));
        nudges.schedule(batch.get(0));

        assertThat(commands.during(() -> nudges.scheduleAll(batch)))
                .containsExactly("update nudges", "update nudge_marker");
        assertThat(commands.during(() -> nudges.scheduleAll(batch))).containsExactly("update nudges");
        assertThat(nudges.pending()).filteredOn(n -> n.subject().startsWith("many-")).hasSize(2);

        nudges.cancel("tick", "many-1");
        nudges.cancel("tick", "many-2");
    }

    private List<String> storedGroups(String subject) {
        return mongo.find(Query.query(Criteria.where("subject").is(subject)), org.bson.Document.class,
                NudgeScheduler.COLLECTION).stream().map(d -> d.getString("group")).toList();
    }

    private long markerVersion() {
        org.bson.Document marker = mongo.findById(NudgeScheduler.MARKER_ID, org.bson.Document.class,
                NudgeScheduler.MARKER_COLLECTION);
        return marker == null ? 0 : marker.get("version", Number.class).longValue();
    }
}
