package io.opsbot.slack.announcement;

import com.google.gson.JsonObject;
import io.opsbot.core.testing.MutableClock;
import io.opsbot.slack.testing.BlockKit;
import io.opsbot.slack.testing.ButtonClick;
import io.opsbot.slack.testing.FakeSlackApi;
import io.opsbot.slack.testing.SlackAdapterTest;
import io.opsbot.slack.testing.ViewSubmission;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.net.http.HttpResponse;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An announcement people must acknowledge, end to end on Slack: the form, a DM with Acknowledge to each person, the
 * click that turns the DM into a thank-you (once, however often it is clicked), and the organizer's status.
 */
class SlackAnnouncementTest extends SlackAdapterTest {

    @Autowired
    MutableClock clock;

    @Test
    void eachPersonAcknowledgesOnceAndTheOrganizerSeesWhoHas() {
        String suffix = UUID.randomUUID().toString().substring(0, 6).toUpperCase();
        String ana = "U0ANA" + suffix;
        String bo = "U0BO" + suffix;
        String title = "New expense tool " + suffix;
        SLACK.user(ana, "Ana", "Europe/Berlin", false);
        SLACK.user(bo, "Bo", "Europe/Berlin", false);
        SLACK.user("U0ADMIN", "Ada Admin", "Europe/Berlin", false);

        assertThat(slashCommand("/training", "announce", "C0ADMIN", "U0ADMIN", "announce").statusCode())
                .isEqualTo(200);
        JsonObject view = SLACK.awaitCall("views.open", c -> true).jsonParam("view").getAsJsonObject();
        HttpResponse<String> sent = slack.interaction(ViewSubmission.of("training.announce").user("U0ADMIN")
                .privateMetadata(view.get("private_metadata").getAsString())
                .plainTextInput("title", title)
                .plainTextInput("text", "Expenses go through <!channel> the new tool from Monday.")
                .plainTextInput("link", "https://example.com/expenses")
                .multiUsersSelect("people", ana, bo)
                .numberInput("remind_after", "24")
                .json());
        assertThat(sent.body()).doesNotContain("errors");

        FakeSlackApi.Call toAna = SLACK.awaitCall("chat.postMessage", c -> ana.equals(c.param("channel")));
        SLACK.awaitCall("chat.postMessage", c -> bo.equals(c.param("channel")));
        assertThat(toAna.param("text")).isEqualTo("New: " + title + " (please acknowledge)");
        assertThat(toAna.param("blocks")).contains("Acknowledge").contains("https://example.com/expenses")
                .as("user text cannot ping the channel").doesNotContain("<!channel>");
        Matcher reference = Pattern.compile("AN-[0-9]+").matcher(toAna.param("blocks"));
        assertThat(reference.find()).isTrue();

        JsonObject click = ButtonClick.on(BlockKit.button(toAna, "Acknowledge")).user(ana).channel("D" + ana)
                .messageTs(toAna.response().get("ts").getAsString())
                .responseUrl(SLACK.responseUrl("ack/" + suffix)).json();
        assertThat(slack.interaction(click).statusCode()).isEqualTo(200);
        clock.set(clock.instant().plusSeconds(1));
        assertThat(slack.interaction(click).statusCode()).as("a second click changes nothing").isEqualTo(200);
        SLACK.awaitCall("chat.update", c -> c.param("blocks") != null
                && c.param("blocks").contains("Acknowledged. Thank you!"));

        String status = slashCommand("/training", "status " + reference.group(), "C0ADMIN", "U0ADMIN", "status")
                .body();
        assertThat(status).contains("1 of 2 acknowledged");
        String statusByBo = slashCommand("/training", "status " + reference.group(), "D" + bo, bo, "status").body();
        assertThat(statusByBo).doesNotContain("1 of 2 acknowledged");
    }
}
