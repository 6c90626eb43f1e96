package io.opsbot.slack.onboarding;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import io.opsbot.core.testing.MutableClock;
import io.opsbot.core.training.TrainingService;
import io.opsbot.core.training.TrainingSession;
import io.opsbot.core.tenant.TenantRef;
import io.opsbot.core.tenant.UserRef;
import io.opsbot.slack.testing.FakeSlackApi;
import io.opsbot.slack.testing.Fixtures;
import io.opsbot.slack.testing.SlackAdapterTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.net.http.HttpResponse;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** /training schedule on Slack: the modal, invitations to people and a channel's members, Attend, the organizer's list. */
class SlackTrainingTest extends SlackAdapterTest {

    @Autowired
    TrainingService training;
    @Autowired
    MutableClock clock;
    @Autowired
    io.opsbot.core.schedule.Nudges nudges;

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
        HttpResponse<String> submitted = slack.interaction(submission(organizer, Map.of(
                "title", "Expense tool walkthrough " + tag, "date", date, "time", "10:00", "zone", "Europe/Berlin",
                "people", picked, "channel", "CTRAIN" + tag, "link", "https://meet.example.com/x")));

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
        TrainingSession session = training.invitations(new UserRef(TenantRef.slack(FakeSlackApi.TEAM_ID), picked))
                .get(0);
        assertThat(session.getAudience()).extracting(UserRef::userId).containsExactly(picked, member);

        JsonObject attend = SlackOnboardingTest.button(invitation, "Attend");
        slack.interaction(click(picked, attend));

        FakeSlackApi.Call updated = SLACK.awaitCall("chat.update", c -> ("D" + picked).equals(c.param("channel")));
        assertThat(updated.param("ts")).isEqualTo("1700000002.000001");
        assertThat(updated.param("blocks")).contains("re attending. I").contains("Decline")
                .doesNotContain("training.attend#");
        FakeSlackApi.Call list = SLACK.awaitCall("chat.update", c -> ("D" + organizer).equals(c.param("channel")));
        assertThat(list.param("text")).endsWith("1 attending, 0 declined, 1 not answered");
        assertThat(list.jsonParam("blocks").getAsJsonArray().get(2).getAsJsonObject().getAsJsonObject("text")
                .get("text").getAsString()).isEqualTo("*✅ Attending (1)*\n<@" + picked + ">");
        assertThat(training.findSession(session.getId()).orElseThrow().answerOf(new UserRef(session.getTenant(),
                picked))).isEqualTo(TrainingSession.Answer.ATTENDING);
        nudges.cancel("training.reminder", session.getId());
    }

    private HttpResponse<String> command(String user, String text) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("team_id", FakeSlackApi.TEAM_ID);
        fields.put("enterprise_id", "");
        fields.put("channel_id", "D" + user);
        fields.put("user_id", user);
        fields.put("command", "/training");
        fields.put("text", text);
        fields.put("response_url", SLACK.responseUrl("commands/training"));
        return slack.slashCommand(fields);
    }

    private JsonObject submission(String user, Map<String, String> values) {
        JsonObject payload = Fixtures.json("slack/view_submission.json");
        payload.getAsJsonObject("team").addProperty("id", FakeSlackApi.TEAM_ID);
        payload.getAsJsonObject("user").addProperty("id", user);
        payload.getAsJsonObject("user").addProperty("team_id", FakeSlackApi.TEAM_ID);
        JsonObject view = payload.getAsJsonObject("view");
        view.addProperty("team_id", FakeSlackApi.TEAM_ID);
        view.addProperty("callback_id", "training.schedule");
        view.addProperty("private_metadata", "c=D" + user);
        JsonObject state = new JsonObject();
        values.forEach((id, value) -> {
            JsonObject input = new JsonObject();
            switch (id) {
                case "date" -> {
                    input.addProperty("type", "datepicker");
                    input.addProperty("selected_date", value);
                }
                case "time" -> {
                    input.addProperty("type", "timepicker");
                    input.addProperty("selected_time", value);
                }
                case "people" -> {
                    input.addProperty("type", "multi_users_select");
                    JsonArray users = new JsonArray();
                    users.add(value);
                    input.add("selected_users", users);
                }
                case "channel" -> {
                    input.addProperty("type", "conversations_select");
                    input.addProperty("selected_conversation", value);
                }
                default -> {
                    input.addProperty("type", "plain_text_input");
                    input.addProperty("value", value);
                }
            }
            JsonObject block = new JsonObject();
            block.add(id, input);
            state.add(id, block);
        });
        JsonObject wrapper = new JsonObject();
        wrapper.add("values", state);
        view.add("state", wrapper);
        return payload;
    }

    private JsonObject click(String userId, JsonObject button) {
        JsonObject click = Fixtures.json("slack/block_actions.in-thread.json");
        click.getAsJsonObject("team").addProperty("id", FakeSlackApi.TEAM_ID);
        click.getAsJsonObject("user").addProperty("id", userId);
        click.getAsJsonObject("user").addProperty("team_id", FakeSlackApi.TEAM_ID);
        click.getAsJsonObject("channel").addProperty("id", "D" + userId);
        click.getAsJsonObject("container").addProperty("channel_id", "D" + userId);
        click.getAsJsonObject("container").addProperty("message_ts", "1700000002.000001");
        click.getAsJsonObject("container").addProperty("is_ephemeral", false);
        click.addProperty("response_url", SLACK.responseUrl("actions/training"));
        JsonObject action = click.getAsJsonArray("actions").get(0).getAsJsonObject();
        action.addProperty("action_id", button.get("action_id").getAsString());
        action.addProperty("value", button.get("value").getAsString());
        return click;
    }
}
