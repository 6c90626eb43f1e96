package io.opsbot.slack.onboarding;

import com.google.gson.JsonObject;
import io.opsbot.core.tenant.TenantRef;
import io.opsbot.core.tenant.UserRef;
import io.opsbot.core.testing.MutableClock;
import io.opsbot.core.training.TrainingSession;
import io.opsbot.core.training.TrainingSessionService;
import io.opsbot.slack.testing.BlockKit;
import io.opsbot.slack.testing.ButtonClick;
import io.opsbot.slack.testing.FakeSlackApi;
import io.opsbot.slack.testing.SlackAdapterTest;
import io.opsbot.slack.testing.ViewSubmission;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.net.http.HttpResponse;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** /training schedule on Slack: the modal, invitations to people and a channel's members, Attend, the organizer's list. */
class SlackTrainingTest extends SlackAdapterTest {

    @Autowired
    TrainingSessionService sessions;
    @Autowired
    MutableClock clock;
    @Autowired
    io.opsbot.core.schedule.NudgeScheduler nudges;

    @Test
    void scheduledTrainingInvitesPeopleAndAChannelsMembersAndTheOrganizerSeesWhoAttends() {
        String tag = UUID.randomUUID().toString().substring(0, 6).toUpperCase();
        String organizer = "U0ORG" + tag;
        String picked = "U0PICK" + tag;
        String member = "U0MEMB" + tag;
        String bot = "U0TBOT" + tag;
        SLACK.members("CTRAIN" + tag, List.of(member, bot, organizer));
        SLACK.user(picked, "Pia Picked", "America/Los_Angeles", false);
        SLACK.user(member, "Max Member", "Europe/Berlin", false);
        SLACK.user(organizer, "Olga Organizer", "Europe/Berlin", false);
        SLACK.user(bot, "Build Bot", "UTC", true);

        HttpResponse<String> opened = command(organizer, "schedule");
        assertThat(opened.body()).isEmpty();
        JsonObject view = SLACK.awaitCall("views.open", c -> true).jsonParam("view").getAsJsonObject();
        assertThat(view.get("callback_id").getAsString()).isEqualTo("training.schedule");
        assertThat(view.getAsJsonArray("blocks").toString()).contains("datepicker").contains("timepicker")
                .contains("multi_users_select").contains("conversations_select");

        String date = clock.instant().atOffset(ZoneOffset.UTC).toLocalDate().plusDays(3).toString();
        HttpResponse<String> submitted = slack.interaction(ViewSubmission.of("training.schedule").user(organizer)
                .privateMetadata("c=D" + organizer).plainTextInput("title", "Expense tool walkthrough " + tag)
                .datepicker("date", date).timepicker("time", "10:00").plainTextInput("zone", "Europe/Berlin")
                .multiUsersSelect("people", picked).conversationsSelect("channel", "CTRAIN" + tag)
                .plainTextInput("link", "https://meet.example.com/x").json());

        assertThat(submitted.statusCode()).isEqualTo(200);
        assertThat(submitted.body()).doesNotContain("errors");
        FakeSlackApi.Call invitation = SLACK.awaitCall("chat.postMessage",
                c -> picked.equals(c.param("channel")));
        assertThat(invitation.param("text")).startsWith("Training invitation: Expense tool walkthrough " + tag)
                .endsWith("01:00 (America/Los_Angeles)");
        SLACK.awaitCall("chat.postMessage", c -> member.equals(c.param("channel")));
        FakeSlackApi.Call organizerCard = SLACK.awaitCall("chat.postMessage",
                c -> organizer.equals(c.param("channel")) && c.param("text").startsWith("TR-"));
        assertThat(organizerCard.param("text")).endsWith("0 attending, 0 declined, 2 not answered");
        TrainingSession session = sessions.invitations(new UserRef(TenantRef.slack(FakeSlackApi.TEAM_ID), picked))
                .get(0);
        assertThat(session.getAudience()).extracting(UserRef::userId).containsExactly(picked, member);

        JsonObject attend = BlockKit.button(invitation, "Attend");
        slack.interaction(ButtonClick.on(attend).user(picked).channel("D" + picked).messageTs("1700000002.000001")
                .responseUrl(SLACK.responseUrl("actions/training")).json());

        FakeSlackApi.Call updated = SLACK.awaitCall("chat.update", c -> ("D" + picked).equals(c.param("channel")));
        assertThat(updated.param("ts")).isEqualTo("1700000002.000001");
        assertThat(updated.param("blocks")).contains("re attending. I").contains("Decline")
                .doesNotContain("training.attend#");
        FakeSlackApi.Call list = SLACK.awaitCall("chat.update", c -> ("D" + organizer).equals(c.param("channel")));
        assertThat(list.param("text")).endsWith("1 attending, 0 declined, 1 not answered");
        assertThat(list.jsonParam("blocks").getAsJsonArray().get(2).getAsJsonObject().getAsJsonObject("text")
                .get("text").getAsString()).isEqualTo("*✅ Attending (1)*\n<@" + picked + ">");
        assertThat(sessions.find(session.getId()).orElseThrow().answerOf(new UserRef(session.getTenant(),
                picked))).isEqualTo(TrainingSession.Answer.ATTENDING);
        nudges.cancel("training.reminder", session.getId());
    }

    private HttpResponse<String> command(String user, String text) {
        return slashCommand("/training", text, "D" + user, user, "commands/training");
    }
}
