package io.opsbot.slack.onboarding;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
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
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

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

    /** The calendar file uploaded into this person's DM whose text contains {@code marker}. */
    private String uploadedCalendar(String user, String marker) {
        FakeSlackApi.Call complete = SLACK.awaitCall("files.completeUploadExternal",
                c -> ("D" + user).equals(c.param("channel_id")) && new String(SLACK.uploaded(fileId(c)),
                        StandardCharsets.UTF_8).contains(marker));
        return new String(SLACK.uploaded(fileId(complete)), StandardCharsets.UTF_8);
    }

    private static String fileId(FakeSlackApi.Call complete) {
        return JsonParser.parseString(complete.param("files")).getAsJsonArray().get(0).getAsJsonObject().get("id")
                .getAsString();
    }

    @Test
    void theOrganizerCancelsWithTheButtonOnTheirCardAndInviteesGetANoticeAndACancellingCalendarFileOnce() {
        String tag = UUID.randomUUID().toString().substring(0, 6).toUpperCase();
        String organizer = "U0ORG" + tag;
        String invitee = "U0INV" + tag;
        SLACK.user(invitee, "Ivy Invitee", "America/New_York", false);
        SLACK.user(organizer, "Olga Organizer", "Europe/Berlin", false);
        command(organizer, "schedule");
        SLACK.awaitCall("views.open", c -> true);
        // Three days ahead at 10:00 in Berlin, on the shared test clock.
        String date = clock.instant().atOffset(ZoneOffset.UTC).toLocalDate().plusDays(3).toString();
        slack.interaction(ViewSubmission.of("training.schedule").user(organizer).privateMetadata("c=D" + organizer)
                .plainTextInput("title", "Roadmap <!channel> review " + tag).datepicker("date", date)
                .timepicker("time", "10:00").plainTextInput("zone", "Europe/Berlin").multiUsersSelect("people", invitee)
                .json());

        String invitation = uploadedCalendar(invitee, "METHOD:PUBLISH");
        assertThat(invitation).contains("DTSTART;TZID=Europe/Berlin:" + date.replace("-", "") + "T100000")
                .contains("BEGIN:VTIMEZONE").contains("SEQUENCE:0");
        FakeSlackApi.Call asked = SLACK.awaitCall("files.getUploadURLExternal",
                c -> c.param("filename").endsWith(".ics"));
        assertThat(asked.param("filename")).matches("TR-\\d+\\.ics");
        FakeSlackApi.Call organizerCard = SLACK.awaitCall("chat.postMessage",
                c -> organizer.equals(c.param("channel")) && c.param("text").startsWith("TR-"));
        TrainingSession session = sessions.invitations(new UserRef(TenantRef.slack(FakeSlackApi.TEAM_ID), invitee))
                .get(0);

        HttpResponse<String> refused = command(invitee, "cancel " + session.reference());
        assertThat(refused.body()).contains("Only the organizer");

        slack.interaction(ButtonClick.on(BlockKit.button(organizerCard, "Cancel training")).user(organizer)
                .channel("D" + organizer).messageTs("1700000003.000001")
                .responseUrl(SLACK.responseUrl("actions/training-cancel")).json());

        FakeSlackApi.Call notice = SLACK.awaitCall("chat.postMessage", c -> invitee.equals(c.param("channel"))
                && c.param("text").startsWith("Cancelled: "));
        assertThat(notice.param("text")).contains("Roadmap").endsWith("(America/New_York)");
        assertThat(notice.param("blocks")).as("escaped").doesNotContain("<!channel>");
        String cancelled = uploadedCalendar(invitee, "METHOD:CANCEL");
        String uid = invitation.lines().filter(l -> l.startsWith("UID:")).findFirst().orElseThrow();
        assertThat(cancelled).contains(uid).contains("SEQUENCE:1").contains("STATUS:CANCELLED");
        SLACK.awaitCall("chat.update", c -> ("D" + organizer).equals(c.param("channel"))
                && "1700000003.000001".equals(c.param("ts")) && c.param("text").endsWith("cancelled"));
        assertThat(sessions.find(session.getId()).orElseThrow().getStatus())
                .isEqualTo(TrainingSession.Status.CANCELLED);
        assertThat(nudges.pending()).as("no reminders").noneMatch(n -> n.subject().equals(session.getId()));

        assertThat(command(organizer, "cancel " + session.reference()).body()).contains("was already cancelled");
        await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(3)).until(() -> SLACK.calls(
                "chat.postMessage").stream().filter(c -> invitee.equals(c.param("channel"))
                && c.param("text").startsWith("Cancelled: ")).count() == 1);
    }

    private HttpResponse<String> command(String user, String text) {
        return slashCommand("/training", text, "D" + user, user, "commands/training");
    }
}
