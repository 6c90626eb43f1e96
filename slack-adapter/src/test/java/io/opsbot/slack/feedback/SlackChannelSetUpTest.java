package io.opsbot.slack.feedback;

import io.opsbot.core.delivery.Delivery;
import io.opsbot.core.feedback.FeedbackItem;
import io.opsbot.core.feedback.FeedbackRepository;
import io.opsbot.core.feedback.FeedbackTriage;
import io.opsbot.core.gateway.Destination;
import io.opsbot.core.okr.OkrSettingsService;
import io.opsbot.core.onboarding.OnboardingSettings;
import io.opsbot.core.settings.TenantSettingsService;
import io.opsbot.core.tenant.TenantRef;
import io.opsbot.slack.testing.FakeSlackApi;
import io.opsbot.slack.testing.SlackAdapterTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.net.http.HttpResponse;
import java.util.Optional;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * "... here" set-ups take effect only when the bot can post in the channel, and a triage post that finally fails
 * reaches a person and is posted again once a working channel is set.
 */
class SlackChannelSetUpTest extends SlackAdapterTest {

    private static final String ADMIN = "U0ADMIN";

    @Autowired
    TenantSettingsService settings;
    @Autowired
    OkrSettingsService okrSettings;
    @Autowired
    OnboardingSettings onboardingSettings;
    @Autowired
    FeedbackRepository feedback;
    @Autowired
    FeedbackTriage triage;

    private final TenantRef home = TenantRef.slack(FakeSlackApi.TEAM_ID);
    private String tag;

    @BeforeEach
    void uniqueTag() {
        tag = UUID.randomUUID().toString().substring(0, 8);
    }

    private HttpResponse<String> command(String command, String text, String channel) {
        return slashCommand(command, text, channel, ADMIN, "commands/setup");
    }

    @Test
    void triageHereWhereTheBotCannotPostChangesNothing() {
        assertThat(command("/feedback", "triage here", "CTRIAGEOK1").body()).contains("posted here");
        SLACK.failNext("chat.postMessage", "CLOCKED01", "not_in_channel");

        HttpResponse<String> refused = command("/feedback", "triage here", "CLOCKED01");

        assertThat(refused.body()).contains("Add me to it first");
        assertThat(settings.triageChannel(home)).contains(new Destination.Channel(home, "CTRIAGEOK1"));
    }

    @Test
    void okrAndOnboardingChannelHereWhereTheBotCannotPostChangeNothing() {
        Optional<Destination.Channel> okrBefore = okrSettings.channel(home);
        Optional<Destination.Channel> onboardingBefore = onboardingSettings.joinChannel(home);

        SLACK.failNext("chat.postMessage", "CLOCKED02", "not_in_channel");
        assertThat(command("/okr", "channel here", "CLOCKED02").body()).contains("Add me to it first");
        SLACK.failNext("chat.postMessage", "CLOCKED03", "channel_not_found");
        assertThat(command("/onboarding", "channel here", "CLOCKED03").body()).contains("Add me to it first");

        assertThat(okrSettings.channel(home)).isEqualTo(okrBefore);
        assertThat(onboardingSettings.joinChannel(home)).isEqualTo(onboardingBefore);
        assertThat(command("/onboarding", "channel here", "CJOINERS1").body()).contains("Done");
        assertThat(onboardingSettings.joinChannel(home)).contains(new Destination.Channel(home, "CJOINERS1"));
    }

    @Test
    void aTriagePostThatFinallyFailsReachesTheAdminAndIsPostedOnceAChannelWorks() {
        assertThat(command("/feedback", "triage here", "CTRIAGEOK2").body()).contains("posted here");
        // Then the bot is removed from the channel: the next post there is refused for good.
        SLACK.failNext("chat.postMessage", "CTRIAGEOK2", "not_in_channel");

        slashCommand("/feedback", "Lost in transit " + tag, "C1", "U0REPORTER", "commands/setup");

        FeedbackItem item = await().until(() -> feedback.findAll().stream()
                .filter(i -> i.getSummary().equals("Lost in transit " + tag)).findFirst().orElse(null),
                java.util.Objects::nonNull);
        await().until(() -> triage.delivery(item).map(Delivery::getState).orElse(null) == Delivery.State.FAILED);
        assertThat(triage.noteUndelivered()).isGreaterThanOrEqualTo(1);

        FakeSlackApi.Call notice = SLACK.awaitCall("chat.postMessage", c -> ADMIN.equals(c.param("channel")));
        assertThat(notice.param("text")).contains(item.reference().toString()).contains("couldn't post")
                .contains("/feedback triage here");
        assertThat(feedback.findById(item.getId()).orElseThrow().isTriageUndelivered()).isTrue();
        triage.noteUndelivered();
        await().during(java.time.Duration.ofMillis(300)).until(() -> SLACK.calls("chat.postMessage").stream()
                .filter(c -> ADMIN.equals(c.param("channel"))).count() == 1);

        assertThat(command("/feedback", "triage here", "CTRIAGEOK3").body()).contains("posted here");

        FakeSlackApi.Call posted = SLACK.awaitCall("chat.postMessage", c -> "CTRIAGEOK3".equals(c.param("channel"))
                && c.param("text").contains(item.reference().toString()));
        assertThat(posted.param("text")).contains("Lost in transit " + tag);
        await().until(() -> triage.delivery(item).map(Delivery::getState).orElse(null) == Delivery.State.SENT);
        assertThat(feedback.findById(item.getId()).orElseThrow().isTriageUndelivered()).isFalse();
    }
}
