package io.opsbot.core.retention;

import io.opsbot.core.audit.AuditLog;
import io.opsbot.core.conversation.Invoker;
import io.opsbot.core.conversation.UserError;
import io.opsbot.core.message.Block;
import io.opsbot.core.message.Message;
import io.opsbot.core.people.ProfileService;
import io.opsbot.core.tenant.TenantRef;
import io.opsbot.core.tenant.UserRef;
import io.opsbot.core.testing.CoreTest;
import io.opsbot.core.testing.MutableClock;
import io.opsbot.core.testing.Tenants;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The deletion question's confirmation works once, within its time, and only in the tenant it was asked in. */
@CoreTest
class DataDeletionTest {

    @Autowired
    DataDeletion deletion;
    @Autowired
    ProfileService profiles;
    @Autowired
    MutableClock clock;
    @Autowired
    AuditLog audit;

    private static String requestId(Message question) {
        return question.blocks().stream().filter(b -> b instanceof Block.Actions).map(b -> (Block.Actions) b)
                .flatMap(a -> a.buttons().stream()).filter(b -> b.actionId().equals(DataDeletion.DELETE))
                .findFirst().orElseThrow().value();
    }

    @Test
    void aConfirmationWorksOnceWithinItsTimeAndOnlyInItsOwnTenant() {
        TenantRef tenant = Tenants.slack();
        Invoker admin = Tenants.direct(tenant, "U0ADMIN", "Ada");
        profiles.setZone(new UserRef(tenant, "U0ANA"), "Europe/Berlin");
        String request = requestId(deletion.ask(admin));

        assertThatThrownBy(() -> deletion.confirm(Tenants.direct(Tenants.slack(), "U0ADMIN", "Other"), request))
                .isInstanceOf(UserError.class).hasMessageContaining("no longer valid");
        assertThat(profiles.chosenZone(new UserRef(tenant, "U0ANA"))).isPresent();

        assertThat(deletion.confirm(admin, request).summary()).contains("Deleted");
        assertThat(profiles.chosenZone(new UserRef(tenant, "U0ANA"))).isEmpty();
        assertThat(audit.page(tenant, 1, 10).entries()).singleElement()
                .satisfies(entry -> assertThat(entry.getAction()).isEqualTo(DataDeletion.AUDITED));
        assertThatThrownBy(() -> deletion.confirm(admin, request)).hasMessageContaining("no longer valid");

        String late = requestId(deletion.ask(admin));
        clock.advance(DataDeletion.CONFIRM_WITHIN.plus(Duration.ofSeconds(1)));
        assertThatThrownBy(() -> deletion.confirm(admin, late)).hasMessageContaining("no longer valid");
    }

    @Test
    void keepingItDeletesNothingAndEndsTheQuestion() {
        TenantRef tenant = Tenants.slack();
        Invoker admin = Tenants.direct(tenant, "U0ADMIN", "Ada");
        profiles.setZone(new UserRef(tenant, "U0ANA"), "Europe/Berlin");
        String request = requestId(deletion.ask(admin));

        assertThat(deletion.keep(admin, request).summary()).isEqualTo("Nothing was deleted.");

        assertThat(profiles.chosenZone(new UserRef(tenant, "U0ANA"))).isPresent();
        assertThatThrownBy(() -> deletion.confirm(admin, request)).hasMessageContaining("no longer valid");
    }
}
