package io.opsbot.core.conversation;

import io.opsbot.core.form.Form;
import io.opsbot.core.form.FormValues;
import io.opsbot.core.form.Input;
import io.opsbot.core.message.Block;
import io.opsbot.core.message.Message;
import io.opsbot.core.tenant.Platform;
import io.opsbot.core.tenant.TenantRef;
import io.opsbot.core.tenant.UserRef;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

class ConversationEngineTest {

    private final Invoker slackUser = new Invoker(new UserRef(TenantRef.slack("T1"), "U1"), "Ana", null, true, null);
    private final Invoker teamsUser = new Invoker(new UserRef(TenantRef.teams("t1"), "29:1"), "Ana", null, true, null);
    private final AtomicReference<CommandRequest> received = new AtomicReference<>();

    private final Command echo = new Command() {
        public String name() {
            return "echo";
        }

        public String summary() {
            return "repeat what you say";
        }

        public List<Usage> usages() {
            return List.of(new Usage("<text>", "say it back"), new Usage("boom", "fail"));
        }

        public Response handle(CommandRequest request) {
            received.set(request);
            if (request.arguments().equals("boom")) {
                throw new IllegalStateException("database on fire at com.example.Secret");
            }
            if (request.arguments().equals("bad")) {
                throw new UserError("That is not allowed.");
            }
            return Response.privately(request.arguments());
        }
    };

    private final FormHandler form = new FormHandler() {
        public String formId() {
            return "f";
        }

        public Form form(FormSubmission submission) {
            return new Form("f", "F", "Go", List.of(Input.shortText("name", "Name", true, 5)));
        }

        public SubmissionResult submit(FormSubmission submission, FormValues values) {
            return SubmissionResult.accepted(Message.text("hi " + values.text("name").orElseThrow()));
        }
    };

    private ConversationEngine engine(MessageInterceptor... interceptors) {
        return new ConversationEngine(new CommandRouter(List.of(echo)), List.of(form), List.of(),
                List.of(interceptors), List.of());
    }

    @Test
    void slashCommandsAndTypedCommandsReachTheSameHandler() {
        assertThat(text(engine().onCommand(slackUser, "/echo", " hello "))).isEqualTo("hello");
        assertThat(text(engine().onMessage(teamsUser, "ECHO hi there"))).isEqualTo("hi there");
        assertThat(received.get().name()).isEqualTo("echo");
    }

    @Test
    void helpIsWrittenFromTheRegisteredUsagesForEachPlatform() {
        assertThat(text(engine().onCommand(slackUser, "/echo", "help")))
                .contains("/echo: repeat what you say").contains("/echo <text>  say it back");
        assertThat(text(engine().onMessage(teamsUser, "echo help"))).contains("echo boom  fail")
                .doesNotContain("/echo");
        assertThat(text(engine().onMessage(teamsUser, "help"))).contains("echo  repeat what you say");
    }

    @Test
    void unknownCommandsGetTheCommandList() {
        assertThat(text(engine().onMessage(teamsUser, "dance now"))).startsWith("I don't know dance.")
                .contains("echo  repeat what you say");
    }

    @Test
    void userErrorsAreShownAndFailuresAreApologisedForWithoutDetails() {
        assertThat(text(engine().onCommand(slackUser, "echo", "bad"))).isEqualTo("⚠️ That is not allowed.");

        String apology = text(engine().onCommand(slackUser, "echo", "boom"));
        assertThat(apology).startsWith("Sorry, something went wrong").containsPattern("reference: [0-9a-f]{6}\\.")
                .doesNotContain("database").doesNotContain("Exception").doesNotContain("com.example");
    }

    @Test
    void interceptorsSeeFreeTextFirst() {
        MessageInterceptor standup = (invoker, text) -> text.startsWith("did")
                ? Optional.of(Response.privately("noted")) : Optional.empty();

        assertThat(text(engine(standup).onMessage(teamsUser, "did the thing"))).isEqualTo("noted");
        assertThat(text(engine(standup).onMessage(teamsUser, "echo x"))).isEqualTo("x");
    }

    @Test
    void submissionsAreValidatedAgainstTheFormBeforeTheHandlerRuns() {
        SubmissionResult tooLong = engine().onSubmit(new FormSubmission(slackUser, "f", Map.of("name", "Alexandra"),
                ""));
        assertThat(tooLong).isEqualTo(new SubmissionResult.Rejected(
                Map.of("name", "Name is too long: 9 characters, the limit is 5.")));

        SubmissionResult ok = engine().onSubmit(new FormSubmission(slackUser, "f", Map.of("name", "Al"), ""));
        assertThat(((SubmissionResult.Accepted) ok).confirmation().summary()).isEqualTo("hi Al");
    }

    @Test
    void platformsWriteCommandsTheirOwnWay() {
        assertThat(Platform.SLACK.command("feedback")).isEqualTo("/feedback");
        assertThat(Platform.TEAMS.command("feedback")).isEqualTo("feedback");
    }

    private static String text(Response response) {
        Message message = ((Response.Reply) response).message();
        return ((Block.Section) message.blocks().get(0)).text().plainText();
    }
}
