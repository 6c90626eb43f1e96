package io.opsbot.teams.access;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.opsbot.core.access.AccessPolicy;
import io.opsbot.core.access.Role;
import io.opsbot.core.audit.Actor;
import io.opsbot.core.audit.AuditEntry;
import io.opsbot.core.audit.AuditLog;
import io.opsbot.core.feedback.FeedbackItem;
import io.opsbot.core.feedback.FeedbackRepository;
import io.opsbot.core.feedback.FeedbackStatus;
import io.opsbot.core.okr.CheckInService;
import io.opsbot.core.okr.KeyResult;
import io.opsbot.core.okr.KeyResultDraft;
import io.opsbot.core.okr.KeyResultService;
import io.opsbot.core.okr.MetricType;
import io.opsbot.core.okr.Objective;
import io.opsbot.core.okr.ObjectiveDraft;
import io.opsbot.core.okr.ObjectiveService;
import io.opsbot.core.onboarding.OnboardingRun;
import io.opsbot.core.onboarding.OnboardingService;
import io.opsbot.core.settings.TenantSettingsService;
import io.opsbot.core.standup.Standup;
import io.opsbot.core.standup.StandupNudges;
import io.opsbot.core.standup.StandupService;
import io.opsbot.core.tenant.UserRef;
import io.opsbot.teams.testing.FakeBotConnector.Recorded;
import io.opsbot.teams.testing.TeamsAdapterTest;
import io.opsbot.teams.testing.TeamsFixtures;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.opsbot.teams.testing.AdaptiveCards.card;
import static io.opsbot.teams.testing.AdaptiveCards.inputs;
import static io.opsbot.teams.testing.AdaptiveCards.submitData;
import static io.opsbot.teams.testing.AdaptiveCards.texts;
import static io.opsbot.teams.testing.TeamsFixtures.MEGAN_AAD;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Who may change what, through the Teams adapter: typed commands (people named with Teams mention entities), card
 * buttons and form cards submitted, or replayed from a member's own chat. Whoever may not is refused by what they
 * lack and nothing changes; a replayed form card stays usable for the person it was for; whoever may succeeds and the
 * audit log says who, from Teams, in this tenant.
 */
class TeamsAccessTest extends TeamsAdapterTest {

    /** rido writes in the team channel ({@code message.channel.mention.json}); he becomes the tenant's admin. */
    static final String RIDO_AAD = "b15a9416-0ad3-4172-9210-7beb711d3f70";
    static final String RIDO_29 = "29:17bUvCasIPKfQIXHvNzcPjD86fwm6GkWc1PvCGP2-NSkNb7AyGYpjQ7Xw-XgTwaHW5JxZ4KMNDxn1kcL8fwX1Nw";
    static final Person MEMBER = new Person("29:member", "Mo Member", "aad-member-0001");
    static final Person ANA = new Person("29:ana", "Ana Manager", "aad-ana-0001");
    static final Person BO = new Person("29:bo", "Bo Manager", "aad-bo-0001");

    record Person(String id29, String name, String aad) {
    }

    @Autowired
    AccessPolicy access;
    @Autowired
    AuditLog audit;
    @Autowired
    FeedbackRepository feedback;
    @Autowired
    TenantSettingsService settings;
    @Autowired
    ObjectiveService objectives;
    @Autowired
    KeyResultService keyResults;
    @Autowired
    CheckInService checkIns;
    @Autowired
    StandupService standups;
    @Autowired
    StandupNudges standupNudges;
    @Autowired
    OnboardingService onboarding;

    @AfterEach
    void stopRituals() {
        standups.inTenant(tenant).forEach(standupNudges::unschedule);
        onboarding.active(tenant).forEach(run -> onboarding.stop(run.getId()));
    }

    @Test
    void peopleAreNamedWithTeamsMentionsByAdminsOnlyTheLastAdminStaysAndTheAuditLogIsForAdmins() {
        assertThat(channel(null, "opsbot roles add manager <at>Ana Manager</at>", ANA))
                .as("rido is the first to act: he becomes admin").contains("Ana Manager is now a manager.");
        assertThat(channel(MEMBER, "opsbot roles add admin <at>Mo Member</at>", MEMBER))
                .contains("Only an admin of this organisation can name triagers, managers and admins.");
        assertThat(channel(null, "opsbot roles remove admin <at>rido</at>",
                new Person(RIDO_29, "rido", RIDO_AAD))).contains("rido is the last admin here");
        assertThat(personal(MEMBER, "opsbot audit"))
                .contains("Only an admin of this organisation can read the audit log.");

        assertThat(access.has(user(ANA.aad()), Role.MANAGER)).isTrue();
        assertThat(access.has(user(MEMBER.aad()), Role.ADMIN)).isFalse();
        assertThat(access.holders(tenant, Role.ADMIN)).containsExactly(user(RIDO_AAD));
        assertThat(audit.page(tenant, 1, 10).entries()).extracting(e -> e.getActorName() + " " + e.getVia() + " "
                        + e.getAction() + " " + e.getSubject() + " -> " + e.getAfter())
                .as("he becomes admin once what he did worked").containsExactly(
                        "rido TEAMS role.first-admin " + RIDO_AAD + " -> admin",
                        "rido TEAMS role.add " + ANA.aad() + " -> manager");

        String log = channel(null, "opsbot audit", ANA);
        assertThat(log).contains("role.add").contains("Ana Manager (" + ANA.aad() + ")").contains("(Microsoft Teams)")
                .contains("role.first-admin");
    }

    @Test
    void aCheckInCardReplayedFromAMembersOwnChatIsRefusedAndStaysUsableForItsOwner() {
        KeyResult kr = keyResultOwnedByMegan();
        sendPersonal(megan("okr checkin " + kr.reference()));
        Recorded formCard = sent().stream().filter(r -> r.text().contains("okr.checkin")).findFirst().orElseThrow();
        connector.clear();

        // The card's data sent by a member from their own chat (forwarded, or crafted): refused, nothing saved.
        String refused = sendPersonal(fromOwnChat(MEMBER).without("text")
                .value(submitData(formCard, values(formCard, Map.of("value", "7", "confidence", "AT_RISK")))));
        assertThat(refused).contains("Only the owner of " + kr.reference() + ", its managers and admins of this "
                + "organisation can check in on it.");
        assertThat(checkIns.count(kr)).isZero();
        assertThat(keyResults.keyResult(tenant, kr.getId()).orElseThrow().getCurrent()).isEqualByComparingTo("0");
        // A manager of another team clicking the owner's Check in button: refused, no form.
        access.grant(user(BO.aad()), Role.MANAGER);
        JsonNode click = json(send(fixture("invoke.adaptiveCard_action.personal.json").from(BO.id29(), BO.name(),
                BO.aad()).actionData("okr.checkin", Map.of("opsbot", Map.of("action", "okr.checkin",
                "value", kr.getId())))));
        assertThat(click.path("value").asText()).contains("can check in on it.");

        // Megan submits her own card afterwards: the refusal did not use it up.
        send(megan("").without("text").replyToId(formCard.responseId())
                .value(submitData(formCard, values(formCard, Map.of("value", "7", "confidence", "AT_RISK")))));
        assertThat(checkIns.count(kr)).isEqualTo(1);
        assertThat(keyResults.keyResult(tenant, kr.getId()).orElseThrow().getCurrent()).isEqualByComparingTo("7");
        assertThat(audit.page(tenant, 1, 10).entries()).extracting(AuditEntry::getAction)
                .as("her own check-in is no admin change").doesNotContain("okr.checkin-for");
    }

    @Test
    void aStandupIsChangedByItsManagersOnlyAndAnEditCardReplayedByAnotherTeamsManagerChangesNothing() {
        access.grant(user(RIDO_AAD), Role.ADMIN);
        access.grant(user(ANA.aad()), Role.MANAGER);
        access.grant(user(BO.aad()), Role.MANAGER);
        Recorded setUp = single(channelReplies(fixture("message.channel.mention.json")
                .text("<at>ridotest</at> standup new")));
        submit(setUp, Map.of("participants", MEGAN_AAD, "managers", ANA.aad(), "zone", "Europe/Berlin"));
        Standup standup = standups.inTenant(tenant).get(0);
        assertThat(standup.getManagers()).containsExactly(user(ANA.aad()));

        assertThat(personal(MEMBER, "standup pause")).contains("Only a manager or admin of this organisation can "
                + "change standups.");
        assertThat(personal(BO, "standup pause")).contains("Only the managers of the standup Daily standup and "
                + "admins of this organisation can pause it.");
        Recorded editCard = single(channelReplies(fixture("message.channel.mention.json")
                .text("<at>ridotest</at> standup edit")));
        String replay = sendPersonal(fromOwnChat(BO).without("text")
                .value(submitData(editCard, values(editCard, Map.of("time", "10:30", "managers", BO.aad())))));
        assertThat(replay).contains("can change it.");
        Standup unchanged = standups.find(standup.getId()).orElseThrow();
        assertThat(unchanged.getTime()).isEqualTo("09:00");
        assertThat(unchanged.getManagers()).containsExactly(user(ANA.aad()));
        assertThat(unchanged.isPaused()).isFalse();

        assertThat(personal(ANA, "standup pause")).contains("Daily standup is paused.");
        submit(editCard, Map.of("time", "10:00"));
        assertThat(standups.find(standup.getId()).orElseThrow().getTime()).isEqualTo("10:00");
        assertThat(audit.page(tenant, 1, 10).entries()).extracting(e -> e.getActorName() + " " + e.getAction())
                .containsExactly("rido standup.edit", "Ana Manager standup.pause", "rido standup.create");
    }

    @Test
    void aStatusButtonWorksForATriagerOnlyAndTheChangeIsAudited() {
        send(megan("feedback Dark mode please"));
        FeedbackItem item = feedback.findByTenantAndNumber(tenant, 1).orElseThrow();
        access.grant(user(RIDO_AAD), Role.ADMIN);
        Map<String, Object> planned = Map.of("opsbot", Map.of("action", "feedback.status",
                "value", item.getId() + "#PLANNED"));

        JsonNode refused = json(send(fixture("invoke.adaptiveCard_action.personal.json")
                .from(MEMBER.id29(), MEMBER.name(), MEMBER.aad()).actionData("feedback.status", planned)));
        assertThat(refused.path("value").asText()).contains("Only a triager or admin of this organisation");
        assertThat(feedback.findById(item.getId()).orElseThrow().getStatus()).isEqualTo(FeedbackStatus.NEW);

        assertThat(channel(null, "opsbot roles add triager <at>Ana Manager</at>", ANA)).contains("is now a triager");
        send(fixture("invoke.adaptiveCard_action.personal.json").from(ANA.id29(), ANA.name(), ANA.aad())
                .actionData("feedback.status", planned));

        assertThat(feedback.findById(item.getId()).orElseThrow().getStatus()).isEqualTo(FeedbackStatus.PLANNED);
        assertThat(audit.page(tenant, 1, 10).entries()).extracting(e -> e.getActorName() + " " + e.getVia() + " "
                + e.getAction() + " " + e.getSubject() + " " + e.getBefore() + " -> " + e.getAfter())
                .containsExactly("Ana Manager TEAMS feedback.status FB-1 New -> Planned",
                        "rido TEAMS role.add " + ANA.aad() + " null -> triager");
    }

    @Test
    void companyHolidaysAndSomeoneElsesOnboardingAreChangedOnlyByWhoMay() {
        access.grant(user(RIDO_AAD), Role.ADMIN);
        access.grant(user(ANA.aad()), Role.MANAGER);
        access.grant(user(BO.aad()), Role.MANAGER);

        assertThat(personal(BO, "opsbot holiday add 2027-12-24"))
                .contains("Only an admin of this organisation can change the company holidays.");
        assertThat(settings.holidays(tenant)).isEmpty();
        assertThat(channel(ANA, "onboarding start <at>Megan Bowen</at> welcome",
                new Person(TeamsFixtures.MEGAN_29, "Megan Bowen", MEGAN_AAD))).contains("Started");
        assertThat(channel(BO, "onboarding stop <at>Megan Bowen</at>",
                new Person(TeamsFixtures.MEGAN_29, "Megan Bowen", MEGAN_AAD)))
                .contains("Only the managers of the onboarding of Megan Bowen and admins of this organisation can "
                        + "stop it.");
        assertThat(onboarding.active(tenant)).hasSize(1);

        assertThat(channel(null, "opsbot holiday add 2027-12-24", null)).contains("2027-12-24");
        assertThat(channel(ANA, "onboarding stop <at>Megan Bowen</at>",
                new Person(TeamsFixtures.MEGAN_29, "Megan Bowen", MEGAN_AAD))).contains("Stopped");

        assertThat(settings.holidays(tenant)).containsExactly(LocalDate.parse("2027-12-24"));
        assertThat(onboarding.runsOf(user(MEGAN_AAD))).extracting(OnboardingRun::getStatus).isEmpty();
        assertThat(audit.page(tenant, 1, 10).entries()).extracting(e -> e.getActorName() + " " + e.getAction())
                .containsExactly("Ana Manager onboarding.stop", "rido settings.holiday-add",
                        "Ana Manager onboarding.start");
    }

    // ---- activities in ----------------------------------------------------------------------------------------------

    private UserRef user(String aad) {
        return new UserRef(tenant, aad);
    }

    private TeamsFixtures.Activity megan(String text) {
        return fixture("message.personal.json").text(text);
    }

    /** A message from this person in their own 1:1 chat with the bot. */
    private TeamsFixtures.Activity fromOwnChat(Person person) {
        return fixture("message.personal.json").from(person.id29(), person.name(), person.aad())
                .conversationId("a:chat-" + person.aad());
    }

    /** What the bot answered a person in their own chat. */
    private String personal(Person person, String text) {
        return sendPersonal(fromOwnChat(person).text(text));
    }

    private String sendPersonal(TeamsFixtures.Activity activity) {
        List<Recorded> replies = channelReplies(activity);
        return String.join("\n", replies.stream().map(TeamsAccessTest::shown).toList());
    }

    /**
     * A message in the team channel mentioning the bot (from rido unless {@code from} says), naming {@code mentioned}
     * with a Teams mention entity; the text of the bot's answer.
     */
    private String channel(Person from, String text, Person mentioned) {
        TeamsFixtures.Activity message = fixture("message.channel.mention.json").text("<at>ridotest</at> " + text);
        if (from != null) {
            message.from(from.id29(), from.name(), from.aad());
        }
        if (mentioned != null) {
            ((ArrayNode) message.json().path("entities")).addObject().put("type", "mention")
                    .put("text", "<at>" + mentioned.name() + "</at>").putObject("mentioned")
                    .put("id", mentioned.id29()).put("name", mentioned.name()).put("aadObjectId", mentioned.aad());
        }
        return String.join("\n", channelReplies(message).stream().map(TeamsAccessTest::shown).toList());
    }

    /** What a reply shows: its text, or the text of its card. */
    private static String shown(Recorded reply) {
        return reply.body().path("attachments").isEmpty() ? reply.body().path("text").asText()
                : String.join("\n", texts(card(reply)));
    }

    private List<Recorded> channelReplies(TeamsFixtures.Activity activity) {
        int before = sentTo(activity.conversationId()).size();
        send(activity);
        List<Recorded> now = sentTo(activity.conversationId());
        return new ArrayList<>(now.subList(before, now.size()));
    }

    /** Every input as the card shows it, with these changes: what Teams sends back for an Action.Submit. */
    private static Map<String, String> values(Recorded formCard, Map<String, String> changes) {
        Map<String, String> values = new LinkedHashMap<>();
        for (JsonNode input : inputs(card(formCard))) {
            values.put(input.path("id").asText(), input.path("value").asText(""));
        }
        values.putAll(changes);
        return values;
    }

    /** rido submits a form card in the channel; the confirmation replaces it. */
    private void submit(Recorded formCard, Map<String, String> changes) {
        Map<String, String> values = values(formCard, changes);
        values.putIfAbsent("channel", TeamsFixtures.CHANNEL);
        if (values.get("channel").isBlank()) {
            values.put("channel", TeamsFixtures.CHANNEL);
        }
        int before = updated().size();
        send(fixture("message.channel.mention.json").without("text").without("attachments")
                .value(submitData(formCard, values)).replyToId(formCard.responseId()));
        List<Recorded> updates = updated().subList(before, updated().size());
        assertThat(String.join("\n", texts(card(single(updates))))).contains("Daily standup");
    }

    private KeyResult keyResultOwnedByMegan() {
        Actor admin = Actor.inChat(user(RIDO_AAD), "rido");
        access.grant(admin.user(), Role.ADMIN);
        Objective objective = objectives.create(admin, new ObjectiveDraft(null, "Grow", user(RIDO_AAD), "growth",
                null));
        return keyResults.create(admin, new KeyResultDraft(objective.getId(), "Signups", user(MEGAN_AAD),
                MetricType.NUMBER, BigDecimal.ZERO, BigDecimal.TEN, null, null, null));
    }
}
