package io.opsbot.slack.feedback;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import io.opsbot.core.feedback.FeedbackItem;
import io.opsbot.core.feedback.FeedbackRepository;
import io.opsbot.core.tenant.TenantRef;
import io.opsbot.slack.testing.FakeSlackApi;
import io.opsbot.slack.testing.SlackAdapterTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With a dashboard address configured, the triage card Slack receives ends with an "Open in dashboard" link to the
 * item's page, as Slack's mrkdwn link in a context block; a status button's redrawn card keeps it.
 */
@TestPropertySource(properties = "opsbot.links.dashboard-url=https://opsbot.example.com/dashboard")
class SlackDashboardLinkTest extends SlackAdapterTest {

    @Autowired
    FeedbackRepository feedback;

    @Test
    void theTriageCardLinksToTheItemsPage() {
        HttpResponse<String> triage = slashCommand("/feedback", "triage here", "CTRIAGELINK", "U0ADMIN", "triage");
        assertThat(triage.body()).contains("new feedback will be posted here");
        SLACK.reset();

        slashCommand("/feedback", "Linked card please #reporting", "C1", "U2147483697", "capture");

        FakeSlackApi.Call post = SLACK.awaitCall("chat.postMessage", c -> "CTRIAGELINK".equals(c.param("channel")));
        FeedbackItem item = feedback.findAll().stream()
                .filter(i -> i.getTenant().equals(TenantRef.slack(FakeSlackApi.TEAM_ID))
                        && i.getSummary().equals("Linked card please"))
                .findFirst().orElseThrow();
        JsonArray blocks = post.jsonParam("blocks").getAsJsonArray();
        JsonObject last = blocks.get(blocks.size() - 1).getAsJsonObject();
        assertThat(last.get("type").getAsString()).isEqualTo("context");
        assertThat(last.getAsJsonArray("elements").get(0).getAsJsonObject().get("text").getAsString())
                .isEqualTo("<https://opsbot.example.com/dashboard/feedback/" + item.reference()
                        + "|📊 Open in dashboard>");
    }
}
