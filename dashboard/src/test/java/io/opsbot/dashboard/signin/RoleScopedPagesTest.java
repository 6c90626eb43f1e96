package io.opsbot.dashboard.signin;

import io.opsbot.core.access.Role;
import io.opsbot.core.tenant.TenantRef;
import io.opsbot.core.tenant.UserRef;
import io.opsbot.core.testing.Tenants;
import io.opsbot.dashboard.testing.DashboardTest;
import io.opsbot.dashboard.testing.OpenIdProvider;
import io.opsbot.dashboard.testing.Seed;
import io.opsbot.dashboard.testing.WebClient;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The roles the chat uses decide what the pages show: a member sees their own standup answers and onboarding, the
 * manager of a standup or of an onboarding their team's, nobody else's.
 */
@DashboardTest
class RoleScopedPagesTest {

    private static final String BO_BLOCKER = "Waiting for the staging database credentials";

    @LocalServerPort
    int port;
    @Autowired
    Seed seed;

    private WebClient signedIn(UserRef person, String name) {
        WebClient client = new WebClient(port);
        OpenIdProvider.nextSlack(person.tenant().tenantId(), person.userId(), name);
        assertThat(client.signIn(Providers.SLACK).body()).contains(name);
        return client;
    }

    @Test
    void membersSeeTheirOwnAndManagersTheirTeams() {
        TenantRef tenant = Tenants.slack();
        UserRef lead = new UserRef(tenant, "U0LEAD");
        seed.grant(lead, Role.MANAGER);
        List<UserRef> team = List.of(new UserRef(tenant, "U100"), new UserRef(tenant, "U101"),
                new UserRef(tenant, "U102"));
        seed.standups(lead, team, List.of("Ana", "Bo", "Cy"));
        UserRef newHire = new UserRef(tenant, "U200");
        seed.onboardingAndTraining(lead, "Lee", newHire, team);

        String leadStandups = signedIn(lead, "Lee").get("/dashboard/standups?from=2000-01-01").body();
        assertThat(leadStandups).contains("Standups you manage").contains(BO_BLOCKER).contains("<td>Ana</td>")
                .contains("<td>Bo</td>");

        WebClient bo = signedIn(team.get(1), "Bo");
        String boStandups = bo.get("/dashboard/standups?from=2000-01-01").body();
        assertThat(boStandups).contains("You see your own answers").contains(BO_BLOCKER).contains("<td>Bo</td>")
                .doesNotContain("<td>Ana</td>").doesNotContain("<td>Cy</td>").doesNotContain("Standups you manage");
        // Asking for someone else's answers by address changes nothing for a member.
        assertThat(bo.get("/dashboard/standups?from=2000-01-01&person=U100").body()).doesNotContain("<td>Ana</td>");

        assertThat(signedIn(lead, "Lee").get("/dashboard/onboarding").body()).contains("Eve");
        assertThat(signedIn(newHire, "Eve").get("/dashboard/onboarding").body()).contains("Eve");
        assertThat(bo.get("/dashboard/onboarding").body()).doesNotContain("Eve");
    }
}
