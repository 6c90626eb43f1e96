package io.opsbot.teams.commands;

import com.fasterxml.jackson.databind.JsonNode;
import io.opsbot.core.access.AccessPolicy;
import io.opsbot.core.access.Role;
import io.opsbot.core.feedback.FeedbackItem;
import io.opsbot.core.feedback.FeedbackRepository;
import io.opsbot.core.feedback.FeedbackStatus;
import io.opsbot.core.tenant.UserRef;
import io.opsbot.teams.testing.TeamsAdapterTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The role a button or a subcommand declares is checked for whoever acts, through the Teams adapter: a member who
 * replays a triage card's status button from their own chat, or types the status command, is refused by name of the
 * role and nothing changes; the tenant's first admin may.
 */
class TeamsRolesTest extends TeamsAdapterTest {

    private static final String MEMBER_AAD = "0b9f5a2e-5c1d-4d0b-9a7e-1f2e3d4c5b6a";

    @Autowired
    AccessPolicy access;
    @Autowired
    FeedbackRepository feedback;

    @Test
    void aMemberReplayingAStatusButtonIsRefusedAndNothingChanges() {
        send(fixture("message.personal.json").text("feedback Dark mode please"));
        FeedbackItem item = feedback.findByTenantAndNumber(tenant, 1).orElseThrow();
        access.grant(new UserRef(tenant, "some-admin"), Role.ADMIN);

        JsonNode refused = json(send(fixture("invoke.adaptiveCard_action.personal.json")
                .from("29:member", "Mo Member", MEMBER_AAD)
                .actionData("feedback.status", Map.of("opsbot", Map.of("action", "feedback.status",
                        "value", item.getId() + "#PLANNED")))));

        assertThat(refused.path("value").asText()).contains("Only a triager or admin of this organisation can change a "
                + "feedback item's status.");
        assertThat(feedback.findById(item.getId()).orElseThrow().getStatus()).isEqualTo(FeedbackStatus.NEW);
        assertThat(updated()).isEmpty();
    }

    @Test
    void theFirstPersonToDoSomethingThatNeedsARoleBecomesAdminAndOthersAreRefused() {
        send(fixture("message.personal.json").text("feedback Dark mode please"));
        connector.clear();

        send(fixture("message.personal.json").from("29:member", "Mo Member", MEMBER_AAD)
                .text("opsbot holiday add 2027-12-24"));
        assertThat(single(sent()).body().path("text").asText()).contains("Company holidays: 2027-12-24");
        connector.clear();

        send(fixture("message.personal.json").text("feedback status FB-1 planned"));
        assertThat(single(sent()).body().path("text").asText())
                .contains("Only a triager or admin of this organisation can change a feedback item");
        assertThat(feedback.findByTenantAndNumber(tenant, 1).orElseThrow().getStatus())
                .isEqualTo(FeedbackStatus.NEW);
        assertThat(access.has(new UserRef(tenant, MEMBER_AAD), Role.ADMIN)).isTrue();
    }
}
