package io.opsbot.slack.access;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.opsbot.core.access.AccessPolicy;
import io.opsbot.core.access.Role;
import io.opsbot.core.audit.AuditEntry;
import io.opsbot.core.audit.AuditLog;
import io.opsbot.core.feedback.FeedbackItem;
import io.opsbot.core.feedback.FeedbackRepository;
import io.opsbot.core.feedback.FeedbackStatus;
import io.opsbot.core.form.FormState;
import io.opsbot.core.okr.CheckInService;
import io.opsbot.core.okr.KeyResult;
import io.opsbot.core.okr.KeyResultService;
import io.opsbot.core.okr.Objective;
import io.opsbot.core.okr.ObjectiveService;
import io.opsbot.core.okr.OkrSettingsService;
import io.opsbot.core.onboarding.OnboardingRun;
import io.opsbot.core.onboarding.OnboardingService;
import io.opsbot.core.onboarding.TrackCatalog;
import io.opsbot.core.settings.TenantSettingsService;
import io.opsbot.core.standup.Standup;
import io.opsbot.core.standup.StandupService;
import io.opsbot.core.tenant.TenantRef;
import io.opsbot.core.tenant.UserRef;
import io.opsbot.slack.testing.BlockKit;
import io.opsbot.slack.testing.ButtonClick;
import io.opsbot.slack.testing.FakeSlackApi;
import io.opsbot.slack.testing.SlackAdapterTest;
import io.opsbot.slack.testing.ViewSubmission;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

import java.net.http.HttpResponse;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Who may change what, through the Slack adapter: signed slash commands, button clicks and modal submissions from a
 * member, a manager of another team, the owner, the record's manager and an admin. Whoever may not is refused by what
 * they lack and nothing changes (the database is read back); whoever may succeeds, and the audit log says who did
 * what. A workspace of its own (its own database) whose admin comes from configuration, so no first-admin rule.
 */
@TestPropertySource(properties = "opsbot.admins=SLACK:" + FakeSlackApi.TEAM_ID + ":" + SlackAccessTest.ROOT)
class SlackAccessTest extends SlackAdapterTest {

    static final String ROOT = "U0ROOT";
    private static final TenantRef TENANT = TenantRef.slack(FakeSlackApi.TEAM_ID);
    private static final AtomicInteger RUN = new AtomicInteger();

    @Autowired
    AccessPolicy access;
    @Autowired
    AuditLog audit;
    @Autowired
    FeedbackRepository feedback;
    @Autowired
    TenantSettingsService settings;
    @Autowired
    OkrSettingsService okrSettings;
    @Autowired
    StandupService standups;
    @Autowired
    ObjectiveService objectives;
    @Autowired
    KeyResultService keyResults;
    @Autowired
    CheckInService checkIns;
    @Autowired
    OnboardingService onboarding;
    @Autowired
    TrackCatalog tracks;

    /** People of this test only: a member, two managers of different teams, an owner, someone new. */
    private String member;
    private String managerA;
    private String managerB;
    private String owner;
    private String newcomer;
    private String tag;
    /** Who is called what: Slack sends this with every request (user_name, user.name). */
    private final Map<String, String> names = new java.util.HashMap<>();

    @BeforeEach
    void people() {
        int run = RUN.incrementAndGet();
        tag = UUID.randomUUID().toString().substring(0, 6);
        member = "U0MEMB" + run;
        managerA = "U0MGRA" + run;
        managerB = "U0MGRB" + run;
        owner = "U0OWNR" + run;
        newcomer = "U0NEWC" + run;
        Map.of(member, "Mo Member", managerA, "Ana Manager", managerB, "Bo Manager", owner, "Oli Owner",
                newcomer, "Nel Newcomer", ROOT, "Root Admin").forEach((id, name) -> {
                    SLACK.user(id, name, "Europe/Berlin", false);
                    names.put(id, name);
                });
    }

    @Test
    void onlyAdminsNameAndRemoveTriagersManagersAndAdminsAndEachChangeIsAudited() {
        assertThat(say("/opsbot", "roles add admin " + mention(member), member))
                .isEqualTo("⚠️ Only an admin of this workspace can name triagers, managers and admins.");
        assertThat(say("/opsbot", "audit", member))
                .isEqualTo("⚠️ Only an admin of this workspace can read the audit log.");
        assertThat(access.has(user(member), Role.ADMIN)).isFalse();

        assertThat(say("/opsbot", "roles add triager " + mention(owner) + " " + mention(managerA), ROOT))
                .isEqualTo("✅ @Oli Owner is now a triager.\n✅ @Ana Manager is now a triager.");
        assertThat(say("/opsbot", "roles add manager " + mention(managerA), ROOT))
                .isEqualTo("✅ @Ana Manager is now a manager.");
        assertThat(say("/opsbot", "roles remove triager " + mention(managerA), ROOT))
                .isEqualTo("✅ @Ana Manager is no longer a triager.");
        assertThat(say("/opsbot", "roles add admin " + mention(managerB), ROOT))
                .isEqualTo("✅ @Bo Manager is now an admin.");
        assertThat(say("/opsbot", "roles remove admin " + mention(ROOT), managerB))
                .isEqualTo("⚠️ @Root Admin is an admin by configuration (OPSBOT_ADMINS); it can only be changed there.");
        assertThat(say("/opsbot", "roles remove admin " + mention(managerB), managerB))
                .as("a configured admin remains").isEqualTo("✅ @Bo Manager is no longer an admin.");

        JsonObject roles = reply("/opsbot", "roles", member);
        assertThat(roles.get("blocks").toString()).contains("<@" + owner + ">").contains("<@" + managerA + ">")
                .contains("by configuration: <@" + ROOT + ">");
        assertThat(access.has(user(owner), Role.TRIAGER)).isTrue();
        assertThat(access.has(user(managerA), Role.MANAGER)).isTrue();
        assertThat(access.has(user(managerA), Role.TRIAGER)).isFalse();
        assertThat(access.has(user(managerB), Role.ADMIN)).isFalse();
        assertThat(entries("role.", managerB, ROOT)).extracting(SlackAccessTest::line).containsExactly(
                "Bo Manager SLACK role.remove " + managerB + " admin -> null",
                "Root Admin SLACK role.add " + managerB + " null -> admin",
                "Root Admin SLACK role.remove " + managerA + " triager -> null",
                "Root Admin SLACK role.add " + managerA + " null -> manager",
                "Root Admin SLACK role.add " + managerA + " null -> triager",
                "Root Admin SLACK role.add " + owner + " null -> triager");
    }

    @Test
    void aFeedbackItemsStatusIsChangedByTriagersOnlyByCommandAndByTheCardsButtons() {
        String triage = "CACCFB" + RUN.get();
        assertThat(say("/feedback", "triage here", triage, member))
                .isEqualTo("⚠️ Only an admin of this workspace can choose the triage channel.");
        assertThat(say("/feedback", "triage here", triage, ROOT)).contains("new feedback will be posted here");
        say("/feedback", "Access " + tag, "C0ELSEWHERE", member);
        FakeSlackApi.Call post = SLACK.awaitCall("chat.postMessage", c -> triage.equals(c.param("channel"))
                && c.param("text").contains(tag));
        FeedbackItem item = feedback.findAll().stream().filter(i -> i.getTenant().equals(TENANT))
                .filter(i -> i.getSummary().equals("Access " + tag)).findFirst().orElseThrow();
        JsonObject planned = BlockKit.button(post, "Planned");

        click(planned, member, triage, "fb/" + member);
        assertThat(SLACK.awaitCall("response_url", c -> c.body().contains("Only a triager")).json().get("text")
                .getAsString()).isEqualTo("⚠️ Only a triager or admin of this workspace can change a feedback "
                + "item's status.");
        assertThat(say("/feedback", "status " + item.reference() + " shipped", member))
                .isEqualTo("⚠️ Only a triager or admin of this workspace can change a feedback item's status.");
        assertThat(feedback.findById(item.getId()).orElseThrow().getStatus()).isEqualTo(FeedbackStatus.NEW);

        access.grant(user(owner), Role.TRIAGER);
        click(planned, owner, triage, "fb/" + owner);
        assertThat(say("/feedback", "status " + item.reference() + " shipped", owner))
                .isEqualTo(item.reference() + " is now Shipped.");

        assertThat(feedback.findById(item.getId()).orElseThrow().getStatus()).isEqualTo(FeedbackStatus.SHIPPED);
        assertThat(mine(owner, member)).extracting(SlackAccessTest::line).containsExactly(
                "Oli Owner SLACK feedback.status " + item.reference() + " Planned -> Shipped",
                "Oli Owner SLACK feedback.status " + item.reference() + " New -> Planned");
        assertThat(mine(ROOT)).extracting(AuditEntry::getAction).contains("settings.triage-channel");
    }

    @Test
    void tenantSettingsAreChangedByAdminsOnlyWithBeforeAndAfterInTheAuditLog() {
        LocalDate day = LocalDate.parse("2027-12-2" + (RUN.get() % 10));
        List<String> areas = settings.feedbackAreas(TENANT);
        DayOfWeek cadence = okrSettings.get(TENANT).getCheckInDay();
        access.grant(user(managerA), Role.MANAGER);
        access.grant(user(owner), Role.TRIAGER);

        assertThat(say("/opsbot", "holiday add " + day, member))
                .isEqualTo("⚠️ Only an admin of this workspace can change the company holidays.");
        assertThat(say("/feedback", "areas add acc" + tag, owner)).as("a triager is no admin")
                .isEqualTo("⚠️ Only an admin of this workspace can change the product areas.");
        assertThat(say("/okr", "cadence monday 09:00", managerA)).as("a manager is no admin")
                .isEqualTo("⚠️ Only an admin of this workspace can change when check-ins are asked.");
        assertThat(say("/onboarding", "auto off", member))
                .isEqualTo("⚠️ Only an admin of this workspace can choose who is onboarded automatically.");
        assertThat(settings.holidays(TENANT)).doesNotContain(day);
        assertThat(settings.feedbackAreas(TENANT)).isEqualTo(areas);
        assertThat(okrSettings.get(TENANT).getCheckInDay()).isEqualTo(cadence);

        assertThat(say("/opsbot", "holiday add " + day, ROOT)).contains(day.toString());
        assertThat(say("/feedback", "areas add acc" + tag, ROOT)).contains("#acc" + tag);
        String before = cadence.name().toLowerCase(java.util.Locale.ROOT) + " "
                + okrSettings.get(TENANT).getCheckInTime();
        assertThat(say("/okr", "cadence monday 09:00", ROOT)).contains("every Monday at 09:00");

        assertThat(settings.holidays(TENANT)).contains(day);
        assertThat(mine(ROOT).subList(0, 3)).extracting(SlackAccessTest::line).containsExactly(
                "Root Admin SLACK settings.okr-cadence okr " + before + " -> monday 09:00",
                "Root Admin SLACK settings.areas feedback " + String.join(", ", areas) + " -> "
                        + String.join(", ", areas) + ", acc" + tag,
                "Root Admin SLACK settings.holiday-add company holidays null -> " + day);
        assertThat(mine(member, managerA, owner)).isEmpty();
    }

    @Test
    void aStandupIsChangedOnlyByItsManagersAndAdminsAndEveryChangeIsAudited() {
        access.grant(user(managerA), Role.MANAGER);
        access.grant(user(managerB), Role.MANAGER);
        String name = "Access " + tag;
        JsonObject form = openForm("/standup", "new", ROOT, "standup.edit");
        HttpResponse<String> created = submit(ViewSubmission.of("standup.edit")
                .privateMetadata(form.get("private_metadata").getAsString())
                .plainTextInput("name", name).conversationsSelect("channel", "C0ACCSU" + tag)
                .multiUsersSelect("participants", newcomer)
                .checkboxes("days", "MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY", "SATURDAY", "SUNDAY")
                .timepicker("time", "09:00").staticSelect("zone_mode", "TEAM").plainTextInput("zone", "Europe/Berlin")
                .plainTextInput("questions", "What did you do?\nAnything blocking you?")
                .numberInput("reminder", "60").numberInput("cutoff", "4")
                .multiUsersSelect("managers", managerA), ROOT);
        assertThat(created.body()).doesNotContain("errors");
        Standup standup = standups.inTenant(TENANT).stream().filter(s -> s.getName().equals(name)).findFirst()
                .orElseThrow();
        assertThat(standup.getManagers()).containsExactly(user(managerA));

        assertThat(say("/standup", "pause " + name, member))
                .isEqualTo("⚠️ Only a manager or admin of this workspace can change standups.");
        assertThat(say("/standup", "pause " + name, managerB)).isEqualTo("⚠️ Only the managers of the standup "
                + name + " and admins of this workspace can pause it.");
        assertThat(say("/standup", "skip " + name + " " + mention(newcomer), managerB)).isEqualTo("⚠️ Only the "
                + "managers of the standup " + name + " and admins of this workspace can skip today for someone else.");
        assertThat(say("/standup", "edit " + name, managerB)).contains("can change it.");
        assertThat(say("/standup", "delete " + name, managerB)).contains("can delete it.");
        // Bo replays the edit modal an admin opened, with his own response URL: refused, the standup unchanged.
        JsonObject editing = openForm("/standup", "edit " + name, ROOT, "standup.edit");
        String state = FormState.decode(editing.get("private_metadata").getAsString()).get("s");
        submit(ViewSubmission.of("standup.edit")
                .privateMetadata(FormState.encode(Map.of("s", state, "r", SLACK.responseUrl("su/" + managerB))))
                .plainTextInput("name", name).conversationsSelect("channel", "C0ACCSU" + tag)
                .multiUsersSelect("participants", newcomer, managerB).checkboxes("days", "MONDAY")
                .timepicker("time", "10:30").staticSelect("zone_mode", "TEAM").plainTextInput("zone", "Europe/Berlin")
                .plainTextInput("questions", "Hijacked?").numberInput("reminder", "60").numberInput("cutoff", "4")
                .multiUsersSelect("managers", managerB), managerB);
        assertThat(SLACK.awaitCall("response_url", c -> c.body().contains("can change it.")).json().get("text")
                .getAsString()).contains("Only the managers of the standup " + name).contains("can change it.");
        Standup unchanged = standups.find(standup.getId()).orElseThrow();
        assertThat(unchanged.getTime()).isEqualTo("09:00");
        assertThat(unchanged.getManagers()).containsExactly(user(managerA));
        assertThat(unchanged.isPaused()).isFalse();

        assertThat(say("/standup", "pause " + name, managerA)).startsWith(name + " is paused.");
        assertThat(say("/standup", "resume " + name, managerA)).startsWith(name + " is running again");
        assertThat(say("/standup", "skip " + name + " " + mention(newcomer), managerA))
                .startsWith("OK, Nel Newcomer skips " + name + " today");
        assertThat(say("/standup", "holiday add 2027-01-04 " + name, managerA)).contains("2027-01-04");
        assertThat(say("/standup", "delete " + name, member))
                .isEqualTo("⚠️ Only a manager or admin of this workspace can delete standups.");
        assertThat(standups.find(standup.getId())).isPresent();
        assertThat(say("/standup", "delete " + name, managerA)).isEqualTo(name + " is deleted.");
        assertThat(standups.find(standup.getId())).isEmpty();

        assertThat(entries("standup.", ROOT, managerA, managerB, member)).extracting(e -> e.getActorName() + " "
                + e.getAction())
                .containsExactly("Ana Manager standup.delete", "Ana Manager standup.holiday-add",
                        "Ana Manager standup.skip-for", "Ana Manager standup.resume", "Ana Manager standup.pause",
                        "Root Admin standup.create");
    }

    @Test
    void objectivesAndKeyResultsAreChangedByTheirOwnersTheirManagersAndAdmins() {
        access.grant(user(managerA), Role.MANAGER);
        access.grant(user(managerB), Role.MANAGER);
        JsonObject objectiveForm = openForm("/okr", "objective", managerA, "okr.objective");
        String cycle = BlockKit.block(objectiveForm, "cycle").getAsJsonObject("element")
                .getAsJsonObject("initial_option").get("value").getAsString();
        assertThat(submit(ViewSubmission.of("okr.objective")
                .privateMetadata(objectiveForm.get("private_metadata").getAsString())
                .plainTextInput("title", "Grow <!channel> " + tag).usersSelect("owner", managerA)
                .plainTextInput("team", "team-" + tag).staticSelect("cycle", cycle), managerA).body())
                .doesNotContain("errors");
        Objective objective = objectives.openObjectives(TENANT).stream().filter(o -> o.getTitle().equals("Grow <!channel> " + tag))
                .findFirst().orElseThrow();
        JsonObject krForm = openForm("/okr", "kr " + objective.reference(), managerA, "okr.keyresult");
        assertThat(submit(ViewSubmission.of("okr.keyresult")
                .privateMetadata(krForm.get("private_metadata").getAsString())
                .staticSelect("objective", objective.getId()).plainTextInput("title", "Signups " + tag)
                .usersSelect("owner", owner).staticSelect("metric", "NUMBER").numberInput("start", "0")
                .numberInput("target", "10"), managerA).body()).doesNotContain("errors");
        KeyResult kr = keyResults.keyResultsOf(objective).get(0);
        String ref = kr.reference().toString();

        assertThat(say("/okr", "checkin " + ref + " 4", member)).isEqualTo("⚠️ Only the owner of " + ref
                + ", its managers and admins of this workspace can check in on it.");
        assertThat(say("/okr", "edit " + ref, member)).contains("can change it.");
        assertThat(say("/okr", "edit " + objective.reference(), managerB)).isEqualTo("⚠️ Only the owner of "
                + objective.reference() + ", its managers and admins of this workspace can change it.");
        assertThat(say("/okr", "kr " + objective.reference(), managerB)).contains("can add key results to it.");
        assertThat(say("/okr", "objective", member))
                .isEqualTo("⚠️ Only a manager or admin of this workspace can create objectives.");
        // The owner's Check in button, clicked by a member (a forwarded message): refused, no form.
        JsonObject checkInButton = BlockKit.button(reply("/okr", "mine", owner).getAsJsonArray("blocks"),
                "Check in " + ref);
        SLACK.reset();
        click(checkInButton, member, "D" + member, "okr/" + member);
        assertThat(SLACK.awaitCall("response_url", c -> c.body().contains("can check in on it.")).json().get("text")
                .getAsString()).contains("can check in on it.");
        assertThat(SLACK.calls("views.open")).isEmpty();
        // The member replays the key result's edit modal its manager opened: refused, the key result unchanged.
        JsonObject editing = openForm("/okr", "edit " + ref, managerA, "okr.keyresult");
        String state = FormState.decode(editing.get("private_metadata").getAsString()).get("s");
        submit(ViewSubmission.of("okr.keyresult")
                .privateMetadata(FormState.encode(Map.of("s", state, "r", SLACK.responseUrl("kr/" + member))))
                .staticSelect("objective", objective.getId()).plainTextInput("title", "Hijacked " + tag)
                .usersSelect("owner", member).staticSelect("metric", "NUMBER").numberInput("start", "0")
                .numberInput("target", "99"), member);
        assertThat(SLACK.awaitCall("response_url", c -> c.body().contains("can change it.")).json().get("text")
                .getAsString()).contains("can change it.");
        KeyResult unchanged = keyResults.keyResult(TENANT, kr.getId()).orElseThrow();
        assertThat(unchanged.getTitle()).isEqualTo("Signups " + tag);
        assertThat(unchanged.getOwner()).isEqualTo(user(owner));
        assertThat(checkIns.count(unchanged)).isZero();

        assertThat(say("/okr", "checkin " + ref + " 4 at risk", owner)).startsWith("✅ Checked in " + ref);
        JsonObject ownersEdit = openForm("/okr", "edit " + ref, owner, "okr.keyresult");
        assertThat(submit(ViewSubmission.of("okr.keyresult")
                .privateMetadata(ownersEdit.get("private_metadata").getAsString())
                .staticSelect("objective", objective.getId()).plainTextInput("title", "Signups doubled " + tag)
                .usersSelect("owner", owner).staticSelect("metric", "NUMBER").numberInput("start", "0")
                .numberInput("target", "20"), owner).body()).doesNotContain("errors");
        assertThat(say("/okr", "checkin " + ref + " 6", managerA)).startsWith("✅ Checked in " + ref);

        KeyResult changed = keyResults.keyResult(TENANT, kr.getId()).orElseThrow();
        assertThat(changed.getTitle()).isEqualTo("Signups doubled " + tag);
        assertThat(changed.getCurrent()).isEqualByComparingTo("6");
        assertThat(checkIns.count(changed)).isEqualTo(2);
        assertThat(mine(managerA, managerB, owner, member)).extracting(e -> e.getActorName() + " "
                + e.getAction() + " " + e.getSubject()).containsExactly(
                "Ana Manager okr.checkin-for " + ref, "Oli Owner okr.kr-edit " + ref,
                "Ana Manager okr.kr-create " + ref, "Ana Manager okr.objective-create " + objective.reference());
        // Admins read the log in Slack with what people typed escaped: the log pings nobody.
        String log = reply("/opsbot", "audit", ROOT).get("blocks").toString();
        assertThat(log).contains("okr.objective-create").contains("Grow &lt;!channel&gt; " + tag)
                .doesNotContain("<!channel>").contains("Ana Manager").contains("(Slack)");
    }

    @Test
    void someoneElsesOnboardingIsStoppedOnlyByItsManagersAndTracksAreWrittenByAdmins() {
        access.grant(user(managerA), Role.MANAGER);
        access.grant(user(managerB), Role.MANAGER);
        assertThat(say("/onboarding", "start " + mention(newcomer) + " welcome", member))
                .isEqualTo("⚠️ Only a manager or admin of this workspace can start someone else's onboarding.");
        assertThat(say("/onboarding", "start " + mention(newcomer) + " welcome", managerA)).contains("Started");

        assertThat(say("/onboarding", "stop " + mention(newcomer), member))
                .isEqualTo("⚠️ Only a manager or admin of this workspace can stop someone's onboarding.");
        assertThat(say("/onboarding", "stop " + mention(newcomer), managerB)).isEqualTo("⚠️ Only the managers of "
                + "the onboarding of Nel Newcomer and admins of this workspace can stop it.");
        assertThat(onboarding.runsOf(user(newcomer))).extracting(OnboardingRun::getStatus)
                .containsExactly(OnboardingRun.Status.ACTIVE);
        // A track written by a member's crafted submission: refused, no track.
        submit(ViewSubmission.of("onboarding.track")
                .privateMetadata(FormState.encode(Map.of("r", SLACK.responseUrl("track/" + member))))
                .plainTextInput("key", "t" + tag).plainTextInput("title", "Sneaky")
                .plainTextInput("steps", "1 | Hello | Be nice"), member);
        assertThat(SLACK.awaitCall("response_url", c -> c.body().contains("onboarding tracks")).json().get("text")
                .getAsString()).isEqualTo("⚠️ Only an admin of this workspace can write onboarding tracks.");
        assertThat(tracks.find(TENANT, "t" + tag)).isEmpty();

        assertThat(say("/onboarding", "stop " + mention(newcomer), managerA)).startsWith("Stopped");
        assertThat(onboarding.runsOf(user(newcomer))).isEmpty();
        assertThat(mine(managerA, managerB, member)).extracting(SlackAccessTest::line).containsExactly(
                "Ana Manager SLACK onboarding.stop " + newcomer + " welcome -> null",
                "Ana Manager SLACK onboarding.start " + newcomer + " null -> welcome");
    }

    // ---- through the adapter ----------------------------------------------------------------------------------------

    private String say(String command, String text, String userId) {
        return say(command, text, "C0ACCESS", userId);
    }

    /** A signed slash command; the text of the ephemeral reply in the ack. */
    private String say(String command, String text, String channel, String userId) {
        return reply(command, text, channel, userId).get("text").getAsString();
    }

    private JsonObject reply(String command, String text, String userId) {
        return reply(command, text, "C0ACCESS", userId);
    }

    private JsonObject reply(String command, String text, String channel, String userId) {
        HttpResponse<String> response = command(command, text, channel, userId);
        assertThat(response.statusCode()).isEqualTo(200);
        return JsonParser.parseString(response.body()).getAsJsonObject();
    }

    private HttpResponse<String> command(String command, String text, String channel, String userId) {
        Map<String, String> fields = new java.util.LinkedHashMap<>();
        fields.put("team_id", FakeSlackApi.TEAM_ID);
        fields.put("enterprise_id", "");
        fields.put("channel_id", channel);
        fields.put("user_id", userId);
        fields.put("user_name", names.get(userId));
        fields.put("command", command);
        fields.put("text", text);
        fields.put("response_url", SLACK.responseUrl("access/" + userId));
        return slack.slashCommand(fields);
    }

    /** A modal submitted by this person. */
    private HttpResponse<String> submit(ViewSubmission submission, String userId) {
        JsonObject payload = submission.user(userId).json();
        payload.getAsJsonObject("user").addProperty("name", names.get(userId));
        payload.getAsJsonObject("user").addProperty("username", names.get(userId));
        return slack.interaction(payload);
    }

    /** A command that opens a modal; the modal as opened. */
    private JsonObject openForm(String command, String text, String userId, String callbackId) {
        int before = SLACK.calls("views.open").size();
        HttpResponse<String> response = command(command, text, "C0ACCESS", userId);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).as("no reply instead of the form").doesNotContain("Only");
        return SLACK.calls("views.open").stream().skip(before).map(c -> c.jsonParam("view").getAsJsonObject())
                .filter(v -> v.get("callback_id").getAsString().equals(callbackId)).findFirst().orElseThrow();
    }

    private void click(JsonObject button, String userId, String channel, String responseUrl) {
        JsonObject payload = ButtonClick.on(button).user(userId).channel(channel)
                .responseUrl(SLACK.responseUrl(responseUrl)).json();
        payload.getAsJsonObject("user").addProperty("name", names.get(userId));
        payload.getAsJsonObject("user").addProperty("username", names.get(userId));
        assertThat(slack.interaction(payload).statusCode()).isEqualTo(200);
    }

    private static String mention(String userId) {
        return "<@" + userId + "|" + userId.toLowerCase(java.util.Locale.ROOT) + ">";
    }

    private static UserRef user(String userId) {
        return new UserRef(TENANT, userId);
    }

    /** The workspace's audit entries made by these people, newest first. */
    private List<AuditEntry> mine(String... actors) {
        return entries("", actors);
    }

    /** Those of their entries whose action starts so ({@code standup.}): other tests' admin changes left out. */
    private List<AuditEntry> entries(String action, String... actors) {
        List<String> who = List.of(actors);
        return audit.page(TENANT, 1, 1000).entries().stream().filter(e -> who.contains(e.getActor().userId())
                && e.getAction().startsWith(action)).toList();
    }

    private static String line(AuditEntry e) {
        return e.getActorName() + " " + e.getVia() + " " + e.getAction() + " " + e.getSubject() + " " + e.getBefore()
               + " -> " + e.getAfter();
    }
}
