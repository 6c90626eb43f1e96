package io.opsbot.slack.web;

import com.google.gson.JsonObject;
import io.opsbot.core.feedback.FeedbackRepository;
import io.opsbot.core.tenant.TenantRef;
import io.opsbot.slack.testing.FakeSlackApi;
import io.opsbot.slack.testing.Fixtures;
import io.opsbot.slack.testing.SignedSlackRequests;
import io.opsbot.slack.testing.SlackAdapterTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import java.net.http.HttpResponse;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What reaches /slack/events from outside: the signature is checked over the bytes exactly as sent, however Slack
 * encoded them; a timestamp five minutes or more away (either way) or a signature already used is refused, while
 * Slack's own retries (new timestamp, new signature) go through; a signed body that is not a Slack request gets a
 * clear 400; nothing an unauthenticated sender wrote ends up in the log.
 */
@ExtendWith(OutputCaptureExtension.class)
class SlackRequestVerificationTest extends SlackAdapterTest {

    private static final String FORM = "application/x-www-form-urlencoded";

    @Autowired
    FeedbackRepository feedback;

    private final TenantRef tenant = TenantRef.slack(FakeSlackApi.TEAM_ID);

    private HttpResponse<String> signed(String body, String contentType) {
        return slack.post(body, contentType, slack.now(), null, Map.of());
    }

    private long items(String summary) {
        return feedback.findAll().stream().filter(i -> i.getTenant().equals(tenant) && i.getSummary().equals(summary))
                .count();
    }

    /** Slack's published sample as a /feedback command in this workspace with this text. */
    private static String feedbackCommand(String text) {
        return SignedSlackRequests.withFields(Fixtures.text("slack/slash_command.form"), Map.of(
                "team_id", FakeSlackApi.TEAM_ID, "command", "/feedback", "text", text));
    }

    private static String unique() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void thePublishedSlashCommandSampleCorrectlySignedIsAccepted() {
        // Exactly as Slack's docs publish it: %20 in enterprise_name, an unescaped https:// response_url.
        HttpResponse<String> response = signed(Fixtures.text("slack/slash_command.form"), FORM);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("know weather");
    }

    @Test
    void aBodyEncodedDifferentlyFromJavasEncoderVerifiesAsSent() {
        String id = unique();
        // %20 for spaces, %2A for *, a raw ~ and an unescaped https:// — all legal, none what URLEncoder writes.
        String body = "token=gIkuvaNzQIHg97ATvDxqgjtO&team_id=" + FakeSlackApi.TEAM_ID + "&team_domain=example"
                + "&channel_id=C2147483705&channel_name=test&user_id=U2147483697&user_name=Steve"
                + "&command=%2Ffeedback&text=Export%20is%20%2Aslow%2A%20~" + id + "%20see%20https://status.example.com/x"
                + "&response_url=https://hooks.slack.com/commands/1234/5678&trigger_id=13345224609.738474920.8088930838d";

        HttpResponse<String> response = signed(body, FORM);

        assertThat(response.statusCode()).isEqualTo(200);
        String summary = "Export is *slow* ~" + id + " see https://status.example.com/x";
        assertThat(response.body()).contains("Saved as");
        assertThat(items(summary)).isEqualTo(1);
    }

    @Test
    void theSameSignedRequestSentTwiceIsRefusedTheSecondTime() {
        String summary = "Replayed " + unique();
        String body = feedbackCommand(summary);
        long timestamp = slack.now();

        HttpResponse<String> first = slack.post(body, FORM, timestamp, null, Map.of());
        HttpResponse<String> replay = slack.post(body, FORM, timestamp, null, Map.of());

        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(replay.statusCode()).isEqualTo(401);
        assertThat(replay.body()).doesNotContain(summary);
        assertThat(items(summary)).isEqualTo(1);
    }

    @Test
    void aTimestampSixMinutesInTheFutureIsRefusedEvenWhenCorrectlySigned() {
        String summary = "From the future " + unique();
        String body = feedbackCommand(summary);

        HttpResponse<String> response = slack.post(body, FORM, slack.now() + 6 * 60, null, Map.of());

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(items(summary)).isZero();
        assertThat(slack.post(body, FORM, slack.now() + 4 * 60, null, Map.of()).statusCode())
                .as("within the window").isEqualTo(200);
    }

    @Test
    void slacksOwnRetryWithANewSignatureIsAcknowledgedAndHandledOnce() {
        String summary = "Retried " + unique();
        JsonObject event = directMessage("feedback " + summary);

        assertThat(slack.event(event, 0).statusCode()).isEqualTo(200);
        assertThat(slack.event(event, 1).statusCode()).as("X-Slack-Retry-Num 1, new signature").isEqualTo(200);

        await().until(() -> items(summary) == 1);
        SLACK.awaitCall("chat.postMessage", c -> c.param("text") != null && c.param("text").contains(summary));
        await().during(java.time.Duration.ofMillis(300)).until(() -> items(summary) == 1);
    }

    @Test
    void aSignedButMalformedPayloadGetsAClear400() {
        for (String body : new String[] {"payload=", "payload=%7Bnot+json", "payload=" + enc("[1,2]"),
                "payload=" + enc("{\"type\":\"block_actions\"}"), "payload=" + enc("{\"user\":{\"id\":\"U1\"}}"),
                "hello=world"}) {
            HttpResponse<String> response = signed(body, FORM);

            assertThat(response.statusCode()).as(body).isEqualTo(400);
            assertThat(response.body()).as(body).contains("malformed payload");
        }
        HttpResponse<String> json = signed("{\"type\":\"event_callback\"}", "application/json");
        assertThat(json.statusCode()).isEqualTo(400);
        assertThat(SLACK.calls()).noneMatch(c -> c.method().startsWith("chat."));
    }

    @Test
    void nothingAnUnauthenticatedSenderWritesReachesTheLog(CapturedOutput output) {
        String marker = "INJECTED-" + unique();
        String junk = "payload=" + enc("{\"type\":\"" + marker + "\"}") + "%0A2026-01-01 ERROR fake line " + marker;

        for (int i = 0; i < 50; i++) {
            HttpResponse<String> response = slack.post(junk, FORM, slack.now(), "v0=" + marker,
                    Map.of("User-Agent", marker));
            assertThat(response.statusCode()).isEqualTo(401);
            assertThat(response.body()).doesNotContain(marker);
        }
        HttpResponse<String> unsigned = slack.post(junk + "&x=" + marker, FORM, slack.now(), "", Map.of());

        assertThat(unsigned.statusCode()).isEqualTo(401);
        assertThat(output.getAll()).doesNotContain(marker);
        assertThat(output.getAll().lines().filter(l -> l.contains("Refused") && l.contains("bad signature")).count())
                .as("a flood of junk costs a line a minute").isLessThanOrEqualTo(1);
    }

    private static String enc(String text) {
        return java.net.URLEncoder.encode(text, java.nio.charset.StandardCharsets.UTF_8);
    }
}
