package io.opsbot.core.retention;

import io.opsbot.core.delivery.Outbox;
import io.opsbot.core.feedback.TrackerConnection;
import io.opsbot.core.feedback.TrackerJob;
import io.opsbot.core.gateway.Destination;
import io.opsbot.core.launch.LaunchDraft;
import io.opsbot.core.launch.LaunchDrafts;
import io.opsbot.core.message.Message;
import io.opsbot.core.people.ProfileService;
import io.opsbot.core.sequence.SequenceService;
import io.opsbot.core.tenant.TenantRef;
import io.opsbot.core.tenant.UserRef;
import io.opsbot.core.testing.CoreTest;
import io.opsbot.core.testing.MutableClock;
import io.opsbot.core.testing.Tenants;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A tenant's data goes everywhere at once, whatever collection it is in and however the record names its tenant,
 * and nothing of any other tenant goes with it (not even one whose id starts the same). Tenants the app left longer
 * ago than the retention are deleted by the daily job; those left more recently, or back again, are not.
 */
@CoreTest
class TenantDataTest {

    @Autowired
    MongoTemplate mongo;
    @Autowired
    TenantData data;
    @Autowired
    Departures departures;
    @Autowired
    Outbox outbox;
    @Autowired
    ProfileService profiles;
    @Autowired
    SequenceService sequences;
    @Autowired
    MutableClock clock;
    @Autowired
    LaunchDrafts launches;

    private static Document tenantDoc(TenantRef tenant) {
        return new Document("platform", tenant.platform().name()).append("tenantId", tenant.tenantId());
    }

    private void storeEverywhere(TenantRef tenant, String collection) {
        UserRef ana = new UserRef(tenant, "U0ANA");
        mongo.getCollection(collection).insertMany(List.of(
                new Document("tenant", tenantDoc(tenant)).append("what", "by tenant"),
                new Document("user", new Document("tenant", tenantDoc(tenant)).append("userId", "U0ANA")),
                new Document("_id", "onb:" + ana.key() + ":default"),
                new Document("_id", tenant.key()),
                new Document("_id", "feedback:" + tenant.key())));
        outbox.enqueue("retention-test:" + ana.key(), new Destination.Direct(ana), Message.text("hello"), null);
        profiles.setZone(ana, "Europe/Berlin");
        sequences.next("feedback:" + tenant.key());
    }

    private long everything(TenantRef tenant) {
        return mongo.getCollectionNames().stream().filter(c -> !c.startsWith("system."))
                .mapToLong(c -> data.count(tenant, c)).sum();
    }

    @Test
    void aJiraConnectionItsWaitingCreationsAndPreparedLaunchesGoWithTheTenant() {
        TenantRef gone = Tenants.slack();
        UserRef pm = new UserRef(gone, "U0PM");
        launches.prepare(LaunchDrafts.id("retention:" + gone.key()), pm, "Shipped: x", "What shipped: x", null);
        mongo.insert(new Document("tenant", tenantDoc(gone)).append("kind", "JIRA")
                .append("sealedToken", "v1:..."), TrackerConnection.COLLECTION);
        mongo.insert(new Document("tenant", tenantDoc(gone)).append("requestedBy", new Document("tenant",
                tenantDoc(gone)).append("userId", "U0PM")), TrackerJob.COLLECTION);

        data.erase(gone, true);

        assertThat(data.count(gone, LaunchDraft.COLLECTION)).isZero();
        assertThat(data.count(gone, TrackerConnection.COLLECTION)).isZero();
        assertThat(data.count(gone, TrackerJob.COLLECTION)).isZero();
    }

    @Test
    void deletesTheTenantsRecordsInEveryCollectionAndNoOneElses() {
        TenantRef gone = Tenants.slack();
        TenantRef longerId = TenantRef.slack(gone.tenantId() + "7");
        TenantRef teams = TenantRef.teams(gone.tenantId());
        for (TenantRef tenant : List.of(gone, longerId, teams)) {
            storeEverywhere(tenant, "retention_test_things");
        }
        assertThat(everything(gone)).isGreaterThanOrEqualTo(8);
        long othersBefore = everything(longerId) + everything(teams);

        data.erase(gone, true);

        assertThat(everything(gone)).isZero();
        assertThat(mongo.getCollection("retention_test_things").countDocuments(new Document("_id", gone.key())))
                .isZero();
        assertThat(everything(longerId) + everything(teams)).isEqualTo(othersBefore);
    }

    @Test
    void theDailyJobDeletesOnlyTenantsGoneLongerThanTheRetention() {
        TenantRef longGone = Tenants.slack();
        TenantRef recentlyGone = Tenants.slack();
        TenantRef back = Tenants.slack();
        Instant now = clock.instant();
        for (TenantRef tenant : List.of(longGone, recentlyGone, back)) {
            storeEverywhere(tenant, "retention_test_jobs");
        }
        departures.left(longGone, now.minus(Duration.ofDays(31)), "uninstalled");
        departures.left(recentlyGone, now.minus(Duration.ofDays(29)), "uninstalled");
        departures.left(back, now.minus(Duration.ofDays(40)), "uninstalled");
        departures.returned(back);

        int erased = Retention.expire(departures, data, Duration.ofDays(30), now);

        assertThat(erased).isEqualTo(1);
        assertThat(everything(longGone)).isZero();
        assertThat(departures.of(longGone)).isEmpty();
        assertThat(everything(recentlyGone)).isGreaterThan(0);
        assertThat(departures.of(recentlyGone)).isPresent();
        assertThat(everything(back)).isGreaterThan(0);
    }

    @Test
    void leavingTwiceKeepsTheFirstTime() {
        TenantRef tenant = Tenants.slack();
        Instant first = clock.instant().minus(Duration.ofDays(3));

        departures.left(tenant, first, "uninstalled");
        departures.left(tenant, clock.instant(), "bot token revoked");

        assertThat(departures.of(tenant)).get().satisfies(d -> {
            assertThat(d.getLeftAt()).isEqualTo(first);
            assertThat(d.getReason()).isEqualTo("uninstalled");
        });
    }
}
