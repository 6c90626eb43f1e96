package io.opsbot.teams.onboarding;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.opsbot.core.onboarding.OnboardingRun;
import io.opsbot.core.onboarding.OnboardingService;
import io.opsbot.core.tenant.UserRef;
import io.opsbot.core.training.TrainingSession;
import io.opsbot.core.training.TrainingSessionService;
import io.opsbot.teams.testing.FakeBotConnector.Recorded;
import io.opsbot.teams.testing.TeamsAdapterTest;
import io.opsbot.teams.testing.TeamsFixtures;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MvcResult;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Onboarding and training on Teams end to end: real conversationUpdate activities (people added to a team), mentions
 * resolved to Entra object ids, step cards in the person's new 1:1 chat, Done and Next through an invoke and a
 * messageBack, an invitation answered, all against the fake Bot Connector with runs in MongoDB.
 */
class TeamsOnboardingTest extends TeamsAdapterTest {

    static final String TEAM = "19:zFLSDFWsesfzcmKArqKJ-65aOXJz@sgf462H2wz41@thread.tacv2";
    /** Rido, the person of the invoke fixture: the one who clicks. */
    static final String RIDO_AAD = "c5e99701-2a32-49c1-a660-4629ceeb8c61";
    static final String RIDO_29 = "29:1uMVvhoAyfTqdMsyvHL0qlJTTfQF9MOUSI8_cQts2kdSWEZVDyJO2jz-CsNOhQcdYq1Bw4cHT0__O6XDj4AZ-Jw";

    @Autowired
    OnboardingService onboarding;
    @Autowired
    TrainingSessionService sessions;
    @Autowired
    io.opsbot.core.onboarding.TrackCatalog catalog;
    @Autowired
    io.opsbot.core.schedule.NudgeScheduler nudges;
    @Autowired
    io.opsbot.core.testing.MutableClock testClock;

    @AfterEach
    void stopRunsAndReminders() {
        onboarding.active(tenant).forEach(run -> onboarding.stop(run.getId()));
        nudges.pending().stream().filter(n -> n.subject().startsWith(tenant.key() + ":"))
                .forEach(n -> nudges.cancel(n.kind(), n.subject()));
    }

    /** The "added to a team" activity, with people (not the bot) in membersAdded. */
    private TeamsFixtures.Activity peopleAdded(Map<String, String> idToAad) {
        TeamsFixtures.Activity added = fixture("conversationUpdate.membersAdded.bot-added-to-team.json");
        ArrayNode members = added.json().putArray("membersAdded");
        idToAad.forEach((id, aad) -> {
            ObjectNode member = members.addObject().put("id", id);
            if (aad != null) {
                member.put("aadObjectId", aad);
            }
        });
        return added;
    }

    private static JsonNode card(Recorded activity) {
        return activity.body().path("attachments").get(0).path("content");
    }

    private static JsonNode button(JsonNode card, String title) {
        for (JsonNode block : card.path("body")) {
            for (JsonNode element : block.path("actions")) {
                if (element.path("title").asText().equals(title)) {
                    return element;
                }
            }
        }
        throw new AssertionError("no button " + title + " in " + card);
    }

    @Test
    void aPersonAddedToTheTeamIsWalkedThroughTheTrackInTheirOneToOneChat() {
        send(fixture("conversationUpdate.membersAdded.bot-added-to-team.json"));
        assertThat(sent()).as("the install welcome").hasSize(1);

        send(peopleAdded(Map.of(RIDO_29, RIDO_AAD, "28:another-bot", "")));

        Recorded created = await().atMost(Duration.ofSeconds(5)).until(() -> createdConversations().stream()
                .findFirst().orElse(null), java.util.Objects::nonNull);
        assertThat(created.body().path("members").get(0).path("id").asText()).isEqualTo(RIDO_AAD);
        // The new 1:1 chat lives at the service URL the connector answered with.
        Recorded first = await().atMost(Duration.ofSeconds(5)).until(() -> connector.sentActivities().stream()
                .filter(r -> r.conversationId().startsWith("a:fake-personal-")).findFirst().orElse(null),
                java.util.Objects::nonNull);
        assertThat(first.body().path("summary").asText()).isEqualTo("Step 1 of 6: Welcome aboard");
        JsonNode card = card(first);
        assertThat(card.path("body").get(0).path("text").asText()).isEqualTo("Welcome aboard");
        JsonNode done = button(card, "Done");
        assertThat(done.path("type").asText()).isEqualTo("Action.Execute");
        assertThat(sent()).filteredOn(r -> !r.conversationId().startsWith("a:fake-personal-"))
                .as("no second welcome in the channel").hasSize(1);
        OnboardingRun run = onboarding.runsOf(new UserRef(tenant, RIDO_AAD)).get(0);
        assertThat(run.getTrackKey()).isEqualTo("welcome");

        MvcResult clicked = send(fixture("invoke.adaptiveCard_action.personal.json").actionData("onboarding.done",
                Map.of("opsbot", Map.of("action", "onboarding.done", "value", run.getId() + "#0"))));

        JsonNode response = json(clicked);
        assertThat(response.path("type").asText()).isEqualTo("application/vnd.microsoft.card.adaptive");
        assertThat(response.path("value").path("body").get(0).path("text").asText()).isEqualTo("✅ Welcome aboard");
        assertThat(onboarding.find(run.getId()).orElseThrow().done(0)).isTrue();

        TeamsFixtures.Activity next = fixture("message.value.messageBack.json").replyToId("1700000000123")
                .value(Map.of("opsbot", Map.of("action", "onboarding.show", "value", run.getId() + "#1")));
        ((ObjectNode) next.json().path("from")).put("id", RIDO_29).put("aadObjectId", RIDO_AAD);
        send(next);

        Recorded update = updated().stream().findFirst().orElseThrow();
        assertThat(update.path()).endsWith("/activities/1700000000123");
        assertThat(card(update).path("body").get(0).path("text").asText()).isEqualTo("Meet your onboarding buddy");
        assertThat(card(update).toString()).contains("Step 2 of 6").contains("◀ Back");

        send(peopleAdded(Map.of(RIDO_29, RIDO_AAD)));
        assertThat(onboarding.runsOf(new UserRef(tenant, RIDO_AAD))).as("added again: still one run").hasSize(1);
    }

    @Test
    void aMemberWithoutAnEntraIdIsLookedUpAndMeetingGuestsAreIgnored() {
        send(fixture("conversationUpdate.membersAdded.bot-added-to-team.json"));
        connector.addMember(TEAM, "29:xavier", "aad-xavier", "Xavier");

        send(peopleAdded(Map.of("29:xavier", "")).set("type", "conversationUpdate"));
        send(fixture("conversationUpdate.membersAdded.user-added-to-meeting.json"));

        OnboardingRun run = await().atMost(Duration.ofSeconds(5)).until(() -> onboarding.runsOf(
                new UserRef(tenant, "aad-xavier")).stream().findFirst().orElse(null), java.util.Objects::nonNull);
        assertThat(run.getUserName()).isEqualTo("Xavier");
        assertThat(connector.memberLookups()).isNotEmpty();
        assertThat(onboarding.active(tenant)).as("the meeting guest started nothing").hasSize(1);
    }

    @Test
    void startingSomeoneByMentionUsesTheirEntraId() {
        connector.addMember(TEAM, "29:megan", "7faf8ab2-3d56-4244-b585-20c8a42ed2b8", "Megan Bowen");
        TeamsFixtures.Activity message = fixture("message.channel.mention.json")
                .text("<at>ridotest</at> onboarding start <at>Megan Bowen</at> welcome");
        ((ObjectNode) message.json().path("channelData")).putObject("team").put("id", TEAM);
        ((ArrayNode) message.json().path("entities")).addObject().put("type", "mention")
                .put("text", "<at>Megan Bowen</at>").putObject("mentioned").put("id", "29:megan")
                .put("name", "Megan Bowen");

        send(message);

        Recorded reply = await().atMost(Duration.ofSeconds(5)).until(() -> sent().stream()
                .filter(r -> r.body().path("text").asText().contains("Started")).findFirst().orElse(null),
                java.util.Objects::nonNull);
        assertThat(reply.body().path("text").asText()).contains("Welcome to product");
        assertThat(onboarding.runsOf(new UserRef(tenant, "7faf8ab2-3d56-4244-b585-20c8a42ed2b8"))).hasSize(1);
    }

    @Test
    void aTrainingIsScheduledWithTheCardFormAndAnsweredWithAttend() {
        send(fixture("message.personal.json").text("training schedule"));
        // The form card, not whatever else a previous test's asynchronous sends may have delivered meanwhile.
        Recorded formCard = await().atMost(Duration.ofSeconds(5)).until(() -> sent().stream()
                .filter(r -> r.text().contains("Input.Date")).findFirst().orElse(null), java.util.Objects::nonNull);
        JsonNode submit = card(formCard).path("actions").get(0);
        assertThat(card(formCard).toString()).contains("Input.Date").contains("Input.Time");
        assertThat(formCard.text()).as("no Adaptive Cards 1.6 dynamic choices in a 1.5 card")
                .doesNotContain("choices.data").contains("\"style\":\"filtered\"");
        connector.clear();

        // A week after "now" on the shared test clock, which other tests in this context move.
        String date = java.time.LocalDate.ofInstant(testClock.instant(), java.time.ZoneOffset.UTC).plusDays(7)
                .toString();
        Map<String, Object> value = new HashMap<>();
        value.put("opsbot", Map.of("form", submit.path("data").path("opsbot").path("form").asText(),
                "nonce", submit.path("data").path("opsbot").path("nonce").asText()));
        value.putAll(Map.of("title", "Roadmap tool training", "date", date, "time", "16:00",
                "zone", "Europe/Berlin", "people", RIDO_AAD));
        send(fixture("message.value.messageBack.json").replyToId("1700000000999").value(value));

        TrainingSession session = sessions.invitations(new UserRef(tenant, RIDO_AAD)).get(0);
        assertThat(session.getTitle()).isEqualTo("Roadmap tool training");
        Recorded invitation = await().atMost(Duration.ofSeconds(5)).until(() -> connector.sentActivities().stream()
                .filter(r -> r.body().path("summary").asText().startsWith("Training invitation")).findFirst()
                .orElse(null), java.util.Objects::nonNull);
        String day = java.time.LocalDate.parse(date).format(java.time.format.DateTimeFormatter.ofPattern("EEE d MMM yyyy",
                java.util.Locale.ENGLISH));
        assertThat(invitation.body().path("summary").asText()).endsWith(day + ", 16:00 (Europe/Berlin)");

        MvcResult attend = send(fixture("invoke.adaptiveCard_action.personal.json").actionData("training.attend",
                Map.of("opsbot", Map.of("action", "training.attend", "value", session.getId()))));

        assertThat(json(attend).path("value").toString()).contains("You're attending");
        assertThat(sessions.find(session.getId()).orElseThrow().answerOf(new UserRef(tenant, RIDO_AAD)))
                .isEqualTo(TrainingSession.Answer.ATTENDING);
    }

    @Test
    void aHireStartedWithAManagerAnswersTheQuizOnTheCardAndTheManagerSeesThemInStatus() {
        catalog.save(new io.opsbot.core.onboarding.OnboardingTrack(tenant.key() + ":quiz", tenant, "quiz",
                "Tools <at>everyone</at> tour", null, java.util.List.of(
                        new io.opsbot.core.onboarding.OnboardingStep("Where things go", "Bugs and ideas.", null, 1,
                                false, new io.opsbot.core.onboarding.StepQuiz("Where do bugs go?",
                                java.util.List.of("Email", "Jira"), 1)),
                        new io.opsbot.core.onboarding.OnboardingStep("Ship something", "", null, 3, true)),
                java.util.List.of(), null, null));
        connector.addMember(TEAM, RIDO_29, RIDO_AAD, "Rido Hire");
        connector.addMember(TEAM, "29:megan", TeamsFixtures.MEGAN_AAD, "Megan Bowen");
        TeamsFixtures.Activity message = fixture("message.channel.mention.json")
                .text("<at>ridotest</at> onboarding start <at>Rido Hire</at> quiz manager <at>Megan Bowen</at>");
        ((ObjectNode) message.json().path("channelData")).putObject("team").put("id", TEAM);
        ArrayNode entities = (ArrayNode) message.json().path("entities");
        entities.addObject().put("type", "mention").put("text", "<at>Rido Hire</at>").putObject("mentioned")
                .put("id", RIDO_29).put("name", "Rido Hire");
        entities.addObject().put("type", "mention").put("text", "<at>Megan Bowen</at>").putObject("mentioned")
                .put("id", "29:megan").put("name", "Megan Bowen");

        send(message);

        OnboardingRun run = await().atMost(Duration.ofSeconds(5)).until(() -> onboarding.runsOf(
                new UserRef(tenant, RIDO_AAD)).stream().findFirst().orElse(null), java.util.Objects::nonNull);
        assertThat(run.getManager()).isEqualTo(new UserRef(tenant, TeamsFixtures.MEGAN_AAD));
        Recorded first = await().atMost(Duration.ofSeconds(5)).until(() -> connector.sentActivities().stream()
                .filter(r -> r.conversationId().startsWith("a:fake-personal-")
                        && r.text().contains("Where do bugs go?")).findFirst().orElse(null),
                java.util.Objects::nonNull);
        JsonNode jira = button(card(first), "Jira");
        assertThat(jira.path("type").asText()).isEqualTo("Action.Execute");

        MvcResult clicked = send(fixture("invoke.adaptiveCard_action.personal.json").actionData("onboarding.answer",
                Map.of("opsbot", Map.of("action", "onboarding.answer", "value", jira.path("data").path("opsbot")
                        .path("value").asText()))));

        assertThat(json(clicked).path("value").toString()).contains("Your answer: Jira")
                .doesNotContain("onboarding.answer");
        assertThat(onboarding.find(run.getId()).orElseThrow().answer(0)).contains(1);

        send(fixture("message.personal.json").text("onboarding status"));

        Recorded status = await().atMost(Duration.ofSeconds(5)).until(() -> sent().stream()
                .filter(r -> r.text().contains("Your hires")).findFirst().orElse(null), java.util.Objects::nonNull);
        assertThat(status.text()).contains("Rido Hire").contains("1/2 steps").contains("quiz, step 1: Jira")
                .as("user text is escaped").doesNotContain("<at>everyone</at>");
    }

    private static final java.util.regex.Pattern LINK = java.util.regex.Pattern.compile(
            "\\((http[^)\\s]*/files/[^)\\s]+)\\)");

    /** Submits a card form (the card the bot sent) with these values, as a messageBack. */
    private void submitForm(Recorded formCard, Map<String, Object> values) {
        JsonNode submit = card(formCard).path("actions").get(0);
        Map<String, Object> value = new HashMap<>();
        value.put("opsbot", Map.of("form", submit.path("data").path("opsbot").path("form").asText(),
                "nonce", submit.path("data").path("opsbot").path("nonce").asText()));
        value.putAll(values);
        // Submitted by the person the form was sent to: Megan, of the personal-chat fixture.
        JsonNode megan = fixture("message.personal.json").json().path("from");
        send(fixture("message.value.messageBack.json").replyToId("1700000000998").value(value)
                .from(megan.path("id").asText(), megan.path("name").asText(), megan.path("aadObjectId").asText())
                .set("id", "submit-" + java.util.UUID.randomUUID()));
    }

    /** The ics behind the newest signed link sent to this conversation whose text names it. */
    private String downloadedCalendar(java.util.function.Predicate<Recorded> which) throws Exception {
        Recorded withLink = await().atMost(Duration.ofSeconds(5)).until(() -> sent().stream()
                .filter(r -> r.body().toString().contains("/files/") && which.test(r)).reduce((a, b) -> b)
                .orElse(null), java.util.Objects::nonNull);
        java.util.regex.Matcher link = LINK.matcher(card(withLink).toString());
        assertThat(link.find()).isTrue();
        String url = link.group(1);
        var download = mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get(
                url.substring(url.indexOf("/files/")))).andReturn().getResponse();
        assertThat(download.getStatus()).isEqualTo(200);
        assertThat(download.getContentType()).startsWith("text/calendar");
        return new String(download.getContentAsByteArray(), java.nio.charset.StandardCharsets.UTF_8);
    }

    @Test
    void theOrganizerEditsATrainingAndTheInviteeGetsTheChangeAndAnUpdatedCalendarFileBySignedLink()
            throws Exception {
        send(fixture("message.personal.json").text("training schedule"));
        Recorded scheduleForm = await().atMost(Duration.ofSeconds(5)).until(() -> sent().stream()
                .filter(r -> r.text().contains("Input.Date")).findFirst().orElse(null), java.util.Objects::nonNull);
        String date = java.time.LocalDate.ofInstant(testClock.instant(), java.time.ZoneOffset.UTC).plusDays(7)
                .toString();
        submitForm(scheduleForm, Map.of("title", "Roadmap <at>everyone</at> review", "date", date, "time", "16:00",
                "zone", "Europe/Berlin", "people", RIDO_AAD));
        TrainingSession session = sessions.invitations(new UserRef(tenant, RIDO_AAD)).get(0);
        String first = downloadedCalendar(r -> r.text().contains("to your calendar"));
        assertThat(first).contains("SEQUENCE:0").contains("METHOD:PUBLISH")
                .contains("DTSTART;TZID=Europe/Berlin:" + date.replace("-", "") + "T160000");
        connector.clear();

        send(fixture("message.personal.json").text("training edit " + session.reference()).set("id", "16400790"));
        Recorded editForm = await().atMost(Duration.ofSeconds(5)).until(() -> sent().stream()
                .filter(r -> r.text().contains("Input.Date")).findFirst().orElse(null), java.util.Objects::nonNull);
        assertThat(card(editForm).toString()).contains("Edit " + session.reference()).contains("16:00");
        connector.clear();
        submitForm(editForm, Map.of("title", "Roadmap review", "date", date, "time", "17:30",
                "zone", "Europe/Berlin"));

        Recorded changed = await().atMost(Duration.ofSeconds(5)).until(() -> sent().stream()
                .filter(r -> r.body().path("summary").asText().startsWith("Changed: ")).findFirst().orElse(null),
                java.util.Objects::nonNull);
        assertThat(changed.body().path("summary").asText()).contains("Roadmap review").contains("17:30");
        String second = downloadedCalendar(r -> r.text().contains("has changed"));
        String uid = first.lines().filter(l -> l.startsWith("UID:")).findFirst().orElseThrow();
        assertThat(second).contains(uid).contains("SEQUENCE:1")
                .contains("DTSTART;TZID=Europe/Berlin:" + date.replace("-", "") + "T173000");
        TrainingSession edited = sessions.find(session.getId()).orElseThrow();
        assertThat(edited.getSequence()).isEqualTo(1);
        assertThat(nudges.pending()).filteredOn(n -> n.subject().equals(session.getId()))
                .extracting(io.opsbot.core.schedule.Nudge::at).contains(edited.getStartsAt().minus(
                        Duration.ofMinutes(15)));

        connector.clear();
        send(fixture("message.personal.json").text("training cancel " + session.reference())
                .from(RIDO_29, "Rido", RIDO_AAD).set("id", "16400791"));
        Recorded refused = await().atMost(Duration.ofSeconds(5)).until(() -> sent().stream()
                .filter(r -> r.text().contains("Only the organizer")).findFirst().orElse(null),
                java.util.Objects::nonNull);
        assertThat(refused.text()).contains(session.reference().toString());
        assertThat(sessions.find(session.getId()).orElseThrow().getStatus())
                .isEqualTo(TrainingSession.Status.SCHEDULED);
    }
}
