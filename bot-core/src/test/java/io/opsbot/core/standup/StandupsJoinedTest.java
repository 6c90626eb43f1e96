package io.opsbot.core.standup;

import io.opsbot.core.tenant.TenantRef;
import io.opsbot.core.tenant.UserRef;
import io.opsbot.core.testing.CoreTest;
import io.opsbot.core.testing.Tenants;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The standups a person takes part in, as {@code /standup} lists them: picked by the database among the workspace's
 * (not all read), in name order, none of another workspace's although the same user id is listed there.
 */
@CoreTest
class StandupsJoinedTest {

    @Autowired
    StandupService service;
    @Autowired
    StandupRepository standups;

    @Test
    void theStandupsListingThePersonInNameOrderAndNoOthers() {
        TenantRef tenant = Tenants.slack();
        UserRef ana = new UserRef(tenant, "U-ANA");
        UserRef bo = new UserRef(tenant, "U-BO");
        UserRef kim = new UserRef(tenant, "U-KIM");
        save(tenant, "Web", ana, bo);
        save(tenant, "Mobile", bo, kim);
        save(tenant, "Design", kim, ana);
        TenantRef other = Tenants.slack();
        save(other, "Alpha", new UserRef(other, "U-ANA"));

        assertThat(service.joinedBy(ana)).extracting(Standup::getName).containsExactly("Design", "Web");
        assertThat(service.joinedBy(bo)).extracting(Standup::getName).containsExactly("Mobile", "Web");
        assertThat(service.joinedBy(new UserRef(tenant, "U-NEW"))).isEmpty();
    }

    private void save(TenantRef tenant, String name, UserRef... people) {
        Standup standup = new Standup(tenant, name, people[0], Instant.parse("2026-03-06T00:00:00Z"));
        standup.setParticipants(List.of(people));
        standups.save(standup);
    }
}
