package io.opsbot.core.standup;

import io.opsbot.core.conversation.ConversationEngine;
import io.opsbot.core.conversation.FormSubmission;
import io.opsbot.core.conversation.Invoker;
import io.opsbot.core.conversation.Response;
import io.opsbot.core.conversation.SubmissionResult;
import io.opsbot.core.form.Form;
import io.opsbot.core.form.Input;
import io.opsbot.core.gateway.Destination;
import io.opsbot.core.message.Block;
import io.opsbot.core.people.ProfileService;
import io.opsbot.core.tenant.TenantRef;
import io.opsbot.core.tenant.UserRef;
import io.opsbot.core.testing.CoreTest;
import io.opsbot.core.testing.MutableClock;
import io.opsbot.core.testing.NudgeDriver;
import io.opsbot.core.testing.RecordingChatGateway;
import io.opsbot.core.testing.StandupQuestions;
import io.opsbot.core.testing.Tenants;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.data.mongodb.core.MongoTemplate;

import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Typed, optional and conditional standup questions through the core: set up with the syntax (and refused with the
 * line at fault), answered in the DM (re-asked on a wrong answer, a condition that does not hold skips its question),
 * answered in the form, shown in the report, and standups stored before kinds existed still load.
 */
@CoreTest
class StandupQuestionKindsTest {

    static final Instant MONDAY_MIDNIGHT = Instant.parse("2026-03-02T00:00:00Z");
    static final String QUESTIONS = StandupQuestions.EVERY_KIND;

    @Autowired
    ConversationEngine engine;
    @Autowired
    StandupService service;
    @Autowired
    StandupNudges scheduler;
    @Autowired
    ProfileService profiles;
    @Autowired
    NudgeDriver driver;
    @Autowired
    MutableClock clock;
    @Autowired
    MongoTemplate mongo;
    @Autowired
    StandupRepository standups;
    @Autowired
    @Qualifier("slackGateway")
    RecordingChatGateway slack;

    private TenantRef tenant;
    private Invoker admin;
    private UserRef ana;
    private Standup standup;

    @BeforeEach
    void setUp() {
        clock.set(MONDAY_MIDNIGHT);
        tenant = Tenants.slack();
        admin = Tenants.inChannel(tenant, "U-ADMIN", "Ada Admin", "C-TEAM");
        ana = new UserRef(tenant, "U-ANA");
        profiles.seen(new Invoker(ana, "Ana", null, true, null));
        profiles.setZone(ana, "Europe/Berlin");
        slack.clear();
    }

    @AfterEach
    void tearDown() {
        if (standup != null) {
            scheduler.unschedule(standup);
        }
    }

    private SubmissionResult submitSetUp(String questions) {
        Form form = ((Response.ShowForm) engine.onCommand(admin, "/standup", "new")).form();
        assertThat(form.input("questions").hint()).contains("Blocked? [yes/no]").contains("(optional)");
        Map<String, String> values = new HashMap<>();
        form.inputs().forEach(i -> values.put(i.id(), i.initial() == null ? "" : i.initial()));
        values.put("name", "Kinds " + tenant.tenantId());
        values.put("channel", "C-STANDUP");
        values.put("participants", "U-ANA");
        values.put("zone", "Europe/Berlin");
        values.put("questions", questions);
        return engine.onSubmit(new FormSubmission(admin, form.formId(), values, form.state()));
    }

    private void create() {
        assertThat(submitSetUp(QUESTIONS)).isInstanceOf(SubmissionResult.Accepted.class);
        standup = service.byName(tenant, "Kinds " + tenant.tenantId());
    }

    private String reply(String text) {
        Invoker anaInDm = new Invoker(ana, "Ana", new Destination.Channel(tenant, "D-ANA"), true, null);
        return ((Response.Reply) engine.onMessage(anaInDm, text)).message().blocks().stream()
                .filter(b -> b instanceof Block.Section).map(b -> ((Block.Section) b).text().plainText())
                .reduce("", String::concat);
    }

    private StandupRun today() {
        return service.run(StandupRun.id(standup.getId(), LocalDate.parse("2026-03-02"))).orElseThrow();
    }

    @Test
    void editingShowsTheQuestionsInTheSyntaxTheyWereTypedIn() {
        create();

        Form editing = ((Response.ShowForm) engine.onCommand(admin, "/standup", "edit " + standup.getName())).form();

        assertThat(editing.input("questions").initial()).isEqualTo(QUESTIONS.strip());
    }

    @Test
    void badSyntaxIsRefusedWithTheLineAtFault() {
        SubmissionResult refused = submitSetUp("Blocked? [yes/no]\nWhy? [if Blocked = perhaps]");

        assertThat(((SubmissionResult.Rejected) refused).errors()).containsEntry("questions",
                "Line 2: \"perhaps\" is not an answer to \"Blocked?\"; use one of yes, no.");
    }

    @Test
    void theDmReadsEachKindAsksAgainOnWrongAnswersAndSkipsWhatDoesNotApply() {
        create();
        driver.runUntil(Instant.parse("2026-03-02T08:05:00Z"));
        await().until(() -> slack.sent().stream().anyMatch(s -> s.destination().equals(new Destination.Direct(ana))));

        assertThat(reply("perhaps")).contains("Answer yes or no.").contains("1/7 Blocked? (yes or no)");
        // No: "What blocks you?" is not asked.
        assertThat(reply("no")).contains("3/7 Area").contains("1. API, 2. Web, 3. Mobile");
        assertThat(reply("skip")).contains("needs an answer").contains("3/7 Area");
        assertThat(reply("4")).contains("Pick one of: 1. API, 2. Web, 3. Mobile.");
        assertThat(reply("2")).contains("4/7 Areas touched").contains("separated by commas");
        assertThat(reply("docs, api")).contains("5/7 Focus (1 to 5)");
        assertThat(reply("9")).contains("Answer with a number from 1 to 5.");
        assertThat(reply("4")).contains("6/7 Hours (a number)");
        assertThat(reply("six")).contains("Answer with a number");
        assertThat(reply("6.5")).contains("7/7 Notes (optional)");
        assertThat(reply("skip")).startsWith("✅ Thanks!");

        assertThat(service.attendance(today().getId(), ana).orElseThrow().getAnswers())
                .containsExactly("no", "", "Web", "API, Docs", "4", "6.5", "");
        await().until(() -> slack.sent().stream().anyMatch(s -> s.message().summary().contains("standup update")));
        String report = slack.sent().stream().filter(s -> s.message().summary().contains("standup update"))
                .findFirst().orElseThrow().message().blocks().toString();
        assertThat(report).contains("Web").contains("API, Docs").contains("4/5").contains("6.5").contains("No")
                .doesNotContain("What blocks you?").doesNotContain("Notes");
        Invoker anaInDm = new Invoker(ana, "Ana", new Destination.Channel(tenant, "D-ANA"), true, null);
        assertThat(((Response.Reply) engine.onCommand(anaInDm, "/standup", "history")).message().blocks().toString())
                .contains("Blocked? No · Area: Web · Areas touched: API, Docs · Focus: 4/5 · Hours: 6.5");
    }

    @Test
    void blockedYesAndItsFollowUpAreOneBlocker() {
        create();
        driver.runUntil(Instant.parse("2026-03-02T08:05:00Z"));
        await().until(() -> slack.sent().stream().anyMatch(s -> s.destination().equals(new Destination.Direct(ana))));

        assertThat(reply("yes")).contains("2/7 What blocks you?");
        assertThat(reply("skip")).contains("needs an answer");
        reply("Waiting for the staging database");
        reply("API");
        reply("1");
        reply("3");
        reply("2");
        assertThat(reply("Also pairing")).startsWith("✅ Thanks!");

        await().until(() -> slack.sent().stream().anyMatch(s -> s.message().summary().equals("🚧 Ana is blocked")));
        await().until(() -> slack.updated().stream().anyMatch(u -> u.message().blocks().toString()
                .contains("Blockers")));
        String summary = slack.updated().stream().filter(u -> u.message().blocks().toString().contains("Blockers"))
                .reduce((a, b) -> b).orElseThrow().message().blocks().toString();
        assertThat(summary).contains("Waiting for the staging database").doesNotContain("Blocked? Yes");
    }

    @Test
    void theFormShowsTypedInputsAndChecksConditionsOnSubmission() {
        create();
        driver.runUntil(Instant.parse("2026-03-02T08:05:00Z"));
        Invoker anaInDm = new Invoker(ana, "Ana", new Destination.Channel(tenant, "D-ANA"), true, null);
        StandupRun run = today();
        Form form = ((Response.ShowForm) engine.onCommand(anaInDm, "/standup", "answer " + standup.getName()))
                .form();

        assertThat(form.input("q0")).isInstanceOfSatisfying(Input.Select.class, s -> {
            assertThat(s.expanded()).isTrue();
            assertThat(s.required()).isTrue();
        });
        assertThat(form.input("q1").required()).isFalse();
        assertThat(form.input("q1").hint()).isEqualTo("Only if Blocked? = Yes; otherwise leave it empty.");
        assertThat(form.input("q2")).isInstanceOfSatisfying(Input.Select.class, s -> assertThat(s.expanded())
                .isFalse());
        assertThat(form.input("q3")).isInstanceOf(Input.MultiSelect.class);
        assertThat(form.input("q5")).isInstanceOf(Input.Number.class);
        assertThat(form.input("q6").required()).isFalse();

        Map<String, String> values = new HashMap<>(Map.of("q0", "yes", "q1", "", "q2", "API", "q3", "Web,API",
                "q4", "5", "q5", "2"));
        SubmissionResult missing = engine.onSubmit(new FormSubmission(anaInDm, form.formId(), values, form.state()));
        assertThat(((SubmissionResult.Rejected) missing).errors())
                .containsOnly(Map.entry("q1", "Please answer this: Blocked? is yes."));

        values.put("q0", "no");
        values.put("q1", "typed before changing my mind");
        assertThat(engine.onSubmit(new FormSubmission(anaInDm, form.formId(), values, form.state())))
                .isInstanceOf(SubmissionResult.Accepted.class);
        assertThat(service.attendance(run.getId(), ana).orElseThrow().getAnswers())
                .containsExactly("no", "", "API", "API, Web", "5", "2", "");
    }

    @Test
    void standupsStoredBeforeKindsStillLoad() {
        Document legacy = new Document("_id", "legacy-" + tenant.tenantId()).append("name", "Old one")
                .append("questions", List.of(
                        new Document("text", "What did you do?").append("kind", "TEXT"),
                        new Document("text", "Blockers?").append("kind", "BLOCKERS"),
                        new Document("text", "Mood").append("kind", "MOOD")));
        mongo.getCollection("standups").insertOne(legacy);

        Standup loaded = standups.findById("legacy-" + tenant.tenantId()).orElseThrow();

        assertThat(loaded.getQuestions()).containsExactly(new Question("What did you do?", QuestionKind.TEXT),
                new Question("Blockers?", QuestionKind.BLOCKERS), new Question("Mood", QuestionKind.MOOD));
        assertThat(loaded.getQuestions()).allMatch(q -> !q.isRequired() && q.condition() == null
                && q.choices().isEmpty());
        assertThat(QuestionSyntax.format(loaded.getQuestions().subList(0, 2)))
                .isEqualTo("(optional) What did you do?\n(optional) Blockers?");
    }
}
