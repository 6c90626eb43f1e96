package io.opsbot.slack.commands;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.opsbot.core.access.AccessPolicy;
import io.opsbot.core.access.Role;
import io.opsbot.core.feedback.FeedbackItem;
import io.opsbot.core.feedback.FeedbackRepository;
import io.opsbot.core.feedback.FeedbackStatus;
import io.opsbot.core.tenant.TenantRef;
import io.opsbot.core.tenant.UserRef;
import io.opsbot.slack.testing.BlockKit;
import io.opsbot.slack.testing.ButtonClick;
import io.opsbot.slack.testing.FakeSlackApi;
import io.opsbot.slack.testing.SlackAdapterTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.time.Duration;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The role a subcommand or a button declares is checked for whoever types or clicks, through the Slack adapter: a
 * member who clicks a triage card's status button (or replays its payload) or types the status command is refused by
 * name of the role, and nothing changes; a triager may.
 */
class SlackRolesTest extends SlackAdapterTest {

    private static final TenantRef TENANT = TenantRef.slack(FakeSlackApi.TEAM_ID);
    private static final String TRIAGE = "CROLES01";

    @Autowired
    AccessPolicy access;
    @Autowired
    FeedbackRepository feedback;

    private String tag;
    private FeedbackItem item;
    private JsonObject card;

    private String ack(String command, String text, String user) {
        return JsonParser.parseString(slashCommand(command, text, TRIAGE, user, "roles/" + user).body())
                .getAsJsonObject().get("text").getAsString();
    }

    @BeforeEach
    void anItemOnTheTriageCard() {
        access.grant(new UserRef(TENANT, "U0ROLESADMIN"), Role.ADMIN);
        assertThat(ack("/feedback", "triage here", "U0ROLESADMIN")).contains("new feedback will be posted here");
        tag = UUID.randomUUID().toString().substring(0, 8);
        SLACK.reset();
        ack("/feedback", "Roles matter " + tag, "U0ROLESREPORTER");
        FakeSlackApi.Call post = SLACK.awaitCall("chat.postMessage", c -> TRIAGE.equals(c.param("channel"))
                && c.param("text").contains(tag));
        // By its text: other test classes share the workspace and move the clock, so "most recent" proves nothing.
        item = feedback.findAll().stream().filter(i -> i.getTenant().equals(TENANT)
                && i.getSummary().equals("Roles matter " + tag)).findFirst().orElseThrow();
        card = BlockKit.button(post, "Planned");
        SLACK.reset();
    }

    @Test
    void aMemberClickingTheStatusButtonIsRefusedAndNothingChanges() {
        JsonObject click = ButtonClick.on(card).user("U0ROLESMEMBER").channel(TRIAGE).messageTs("1.1")
                .responseUrl(SLACK.responseUrl("roles/click")).json();

        assertThat(slack.interaction(click).statusCode()).isEqualTo(200);

        FakeSlackApi.Call refusal = SLACK.awaitCall("response_url", c -> c.body().contains("Only a triager"));
        assertThat(refusal.json().get("text").getAsString())
                .isEqualTo("⚠️ Only a triager or admin of this workspace can change a feedback item's status.");
        assertThat(feedback.findById(item.getId()).orElseThrow().getStatus()).isEqualTo(FeedbackStatus.NEW);
        assertThat(SLACK.calls("chat.update")).isEmpty();
    }

    @Test
    void aMemberTypingTheStatusIsRefusedAndATriagerMay() {
        String refused = ack("/feedback", "status " + item.reference() + " shipped", "U0ROLESMEMBER");

        assertThat(refused)
                .isEqualTo("⚠️ Only a triager or admin of this workspace can change a feedback item's status.");
        assertThat(feedback.findById(item.getId()).orElseThrow().getStatus()).isEqualTo(FeedbackStatus.NEW);

        access.grant(new UserRef(TENANT, "U0ROLESTRIAGER"), Role.TRIAGER);
        assertThat(ack("/feedback", "status " + item.reference() + " shipped", "U0ROLESTRIAGER"))
                .isEqualTo(item.reference() + " is now Shipped.");
        assertThat(ack("/feedback", "areas add roles-" + tag.substring(0, 4), "U0ROLESTRIAGER"))
                .as("a triager is no admin")
                .isEqualTo("⚠️ Only an admin of this workspace can change the product areas.");
        await().atMost(Duration.ofSeconds(5)).until(() -> !SLACK.calls("chat.update").isEmpty());
    }
}
