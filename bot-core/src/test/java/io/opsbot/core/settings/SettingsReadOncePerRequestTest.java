package io.opsbot.core.settings;

import io.opsbot.core.audit.Actor;
import io.opsbot.core.storage.RequestReads;
import io.opsbot.core.tenant.TenantRef;
import io.opsbot.core.tenant.UserRef;
import io.opsbot.core.testing.CoreTest;
import io.opsbot.core.testing.Tenants;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A request reads a tenant's settings once; nothing is kept between requests, so a write that bypasses the service
 * (another instance, roles, a test, data deletion) is seen by the next request, and a request sees its own changes.
 */
@CoreTest
class SettingsReadOncePerRequestTest {

    @Autowired
    TenantSettingsService settings;
    @Autowired
    MongoTemplate mongo;

    private TenantRef tenant;
    private Actor ana;

    @BeforeEach
    void freshTenant() {
        tenant = Tenants.slack();
        ana = Actor.inChat(new UserRef(tenant, "U-ANA"), "Ana");
        settings.addArea(ana, "checkout");
    }

    @Test
    void aRequestReadsTheSettingsOnceAndTheNextRequestSeesADirectWrite() {
        List<String> before = settings.feedbackAreas(tenant);

        List<List<String>> seen = RequestReads.within(() -> {
            List<String> first = settings.feedbackAreas(tenant);
            writeAreasDirectly(List.of("mobile"));
            return List.of(first, settings.feedbackAreas(tenant));
        });

        assertThat(seen.get(0)).isEqualTo(before).contains("checkout");
        assertThat(seen.get(1)).as("read once: as at the request's first read").isEqualTo(before);
        assertThat(RequestReads.within(() -> settings.feedbackAreas(tenant)))
                .as("the next request reads again and sees the direct write").containsExactly("mobile");
        assertThat(settings.feedbackAreas(tenant)).as("outside a request every call reads").containsExactly("mobile");
    }

    @Test
    void aRequestSeesItsOwnChangeAndOutsideARequestEveryReadGoesToTheDatabase() {
        List<String> after = RequestReads.within(() -> {
            settings.feedbackAreas(tenant);
            settings.addArea(ana, "sync");
            return settings.feedbackAreas(tenant);
        });
        assertThat(after).contains("checkout", "sync");

        writeAreasDirectly(List.of("web"));
        assertThat(settings.feedbackAreas(tenant)).containsExactly("web");
        writeAreasDirectly(List.of("web", "api"));
        assertThat(settings.feedbackAreas(tenant)).containsExactly("web", "api");
    }

    /** As another instance, a migration or a test would: straight into the collection. */
    private void writeAreasDirectly(List<String> areas) {
        mongo.upsert(Query.query(Criteria.where("_id").is(tenant.key())),
                new Update().set("feedbackAreas", areas), TenantSettings.COLLECTION);
    }
}
