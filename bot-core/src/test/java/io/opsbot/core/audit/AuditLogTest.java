package io.opsbot.core.audit;

import io.opsbot.core.tenant.TenantRef;
import io.opsbot.core.tenant.UserRef;
import io.opsbot.core.testing.CoreTest;
import io.opsbot.core.testing.MutableClock;
import io.opsbot.core.testing.Tenants;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;

import java.time.Duration;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The audit log: appended per tenant, read newest first a page at a time, never holding a credential. */
@CoreTest
class AuditLogTest {

    @Autowired
    AuditLog audit;
    @Autowired
    MutableClock clock;
    @Autowired
    MongoTemplate mongo;

    private TenantRef tenant;
    private Actor ana;

    @BeforeEach
    void freshTenant() {
        tenant = Tenants.slack();
        ana = Actor.inChat(new UserRef(tenant, "U-ANA"), "Ana");
    }

    @Test
    void entriesAreKeptPerTenantAndReadNewestFirstAPageAtATime() {
        IntStream.rangeClosed(1, 12).forEach(i -> {
            clock.advance(Duration.ofSeconds(1));
            audit.record(ana, "feedback.status", "FB-" + i, "New", "Planned");
        });
        Actor other = Actor.inChat(new UserRef(Tenants.slack(), "U-EVE"), "Eve");
        audit.record(other, "settings.areas", "feedback", "a", "b");

        AuditLog.Page first = audit.page(tenant, 1, 5);
        AuditLog.Page last = audit.page(tenant, 3, 5);

        assertThat(first.total()).isEqualTo(12);
        assertThat(first.pages()).isEqualTo(3);
        assertThat(first.entries()).extracting(AuditEntry::getSubject)
                .containsExactly("FB-12", "FB-11", "FB-10", "FB-9", "FB-8");
        assertThat(last.entries()).extracting(AuditEntry::getSubject).containsExactly("FB-2", "FB-1");
        AuditEntry newest = first.entries().get(0);
        assertThat(newest.getTenant()).isEqualTo(tenant);
        assertThat(newest.getActor()).isEqualTo(ana.user());
        assertThat(newest.getActorName()).isEqualTo("Ana");
        assertThat(newest.getVia()).isEqualTo("SLACK");
        assertThat(newest.getAt()).isEqualTo(clock.instant());
        assertThat(newest.getBefore()).isEqualTo("New");
        assertThat(newest.getAfter()).isEqualTo("Planned");
        assertThat(audit.page(tenant, 4, 5).entries()).isEmpty();
    }

    @Test
    void aChangeAboutAPersonNamesThem() {
        UserRef bo = new UserRef(tenant, "U-BO");

        audit.recordAbout(ana, "role.add", bo, null, "triager");

        AuditEntry entry = audit.page(tenant, 1, 10).entries().get(0);
        assertThat(entry.getPerson()).isEqualTo(bo);
        assertThat(entry.getSubject()).isEqualTo("U-BO");
    }

    @Test
    void credentialsAreBlankedAndLongValuesCut() {
        audit.record(ana, "settings.areas", "feedback", "token=abc123 xoxb-1234-5678-abcdef",
                "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJl and password: hunter2 " + "x".repeat(400));

        AuditEntry entry = audit.page(tenant, 1, 10).entries().get(0);
        assertThat(entry.getBefore()).isEqualTo("[hidden] [hidden]");
        assertThat(entry.getAfter()).startsWith("[hidden] and [hidden] xxx").hasSize(AuditLog.VALUE_LIMIT)
                .endsWith("…").doesNotContain("hunter2").doesNotContain("eyJ");
        String stored = mongo.getCollection(AuditEntry.COLLECTION).find().into(new java.util.ArrayList<>())
                .toString();
        assertThat(stored).doesNotContain("xoxb-").doesNotContain("hunter2").doesNotContain("abc123");
    }

    @Test
    void anActionIsADottedKey() {
        assertThatThrownBy(() -> audit.record(ana, "changed stuff", "x")).isInstanceOf(IllegalArgumentException.class);
        assertThat(audit.page(tenant, 1, 10).total()).isZero();
    }
}
