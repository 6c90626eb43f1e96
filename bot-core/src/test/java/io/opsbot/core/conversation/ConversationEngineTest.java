package io.opsbot.core.conversation;

import io.opsbot.core.access.AccessPolicy;
import io.opsbot.core.access.Role;
import io.opsbot.core.form.Form;
import io.opsbot.core.form.FormValues;
import io.opsbot.core.form.Input;
import io.opsbot.core.message.Block;
import io.opsbot.core.message.Message;
import io.opsbot.core.tenant.Platform;
import io.opsbot.core.tenant.TenantRef;
import io.opsbot.core.tenant.UserRef;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

class ConversationEngineTest {

    private final Invoker slackUser = new Invoker(new UserRef(TenantRef.slack("T1"), "U1"), "Ana", null, true, null);
    private final Invoker teamsUser = new Invoker(new UserRef(TenantRef.teams("t1"), "29:1"), "Ana", null, true, null);
    private final AtomicReference<String> received = new AtomicReference<>();
    private final AtomicInteger declarations = new AtomicInteger();
    private final AccessPolicy access = mock(AccessPolicy.class);

    private final Command echo = new Command() {
        public String name() {
            return "echo";
        }

        public String summary() {
            return "repeat what you say";
        }

        public List<Subcommand> subcommands() {
            declarations.incrementAndGet();
            return List.of(
                    Subcommand.bare().help("say nothing").handledBy((invoker, args) -> Response.privately("…")),
                    Subcommand.bare().args(Arg.text("text")).help("say it back").handledBy((invoker, args) -> {
                        received.set(args.text("text"));
                        if (args.text("text").equals("bad")) {
                            throw new UserError("That is not allowed.");
                        }
                        return Response.privately(args.text("text"));
                    }),
                    Subcommand.named("boom").help("fail").handledBy((invoker, args) -> {
                        throw new IllegalStateException("database on fire at com.example.Secret");
                    }),
                    Subcommand.named("shout").args(Arg.choice("volume", List.of("loud", "very loud")))
                            .help("say it loudly").role(Role.ADMIN, "shout").handledBy((invoker, args) ->
                                    Response.privately(args.text("volume").toUpperCase(java.util.Locale.ROOT))));
        }
    };

    private final FormHandler form = new FormHandler() {
        public String formId() {
            return "f";
        }

        public Form form(FormSubmission submission) {
            return Form.builder("f", "F").submit("Go").input(Input.text("name").label("Name").required().max(5))
                    .build();
        }

        public SubmissionResult submit(FormSubmission submission, FormValues values) {
            return SubmissionResult.accepted(Message.text("hi " + values.text("name").orElseThrow()));
        }
    };

    @BeforeEach
    void everyoneMayDoEverything() {
        when(access.decide(any(), any())).thenReturn(AccessPolicy.Decision.ALLOWED);
    }

    private ConversationEngine engine(MessageInterceptor... interceptors) {
        return new ConversationEngine(new CommandRouter(List.of(echo)), access, List.of(form), List.of(),
                List.of(interceptors), List.of());
    }

    @Test
    void slashCommandsAndTypedCommandsReachTheSameHandler() {
        assertThat(text(engine().onCommand(slackUser, "/echo", " hello "))).isEqualTo("hello");
        assertThat(text(engine().onMessage(teamsUser, "ECHO hi there"))).isEqualTo("hi there");
        assertThat(received.get()).isEqualTo("hi there");
    }

    @Test
    void aCommandsDeclarationsAreReadOnceWhenItIsRegisteredNotForEveryCommandTyped() {
        ConversationEngine engine = engine();
        assertThat(declarations).hasValue(1);

        engine.onCommand(slackUser, "/echo", "hello");
        engine.onMessage(teamsUser, "echo shout loud");
        engine.onMessage(teamsUser, "echo shout quietly");
        engine.onMessage(teamsUser, "echo help");
        engine.onMessage(teamsUser, "echo");

        assertThat(declarations).as("each subcommand's name is checked by a regular expression when declared")
                .hasValue(1);
    }

    @Test
    void helpIsWrittenFromTheRegisteredUsagesForEachPlatform() {
        assertThat(text(engine().onCommand(slackUser, "/echo", "help")))
                .contains("/echo: repeat what you say").contains("/echo <text>  say it back");
        assertThat(text(engine().onMessage(teamsUser, "echo help"))).contains("echo boom  fail")
                .contains("echo shout <loud|very loud>  say it loudly · admins")
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
    void aNamedSubcommandWithArgumentsThatDoNotFitGetsItsUsageAndNothingRuns() {
        String reply = text(engine().onCommand(slackUser, "/echo", "shout quietly"));

        assertThat(reply).startsWith("⚠️ “quietly” is not one of loud, very loud.")
                .contains("/echo shout <loud|very loud>  say it loudly").contains("/echo help");
        assertThat(text(engine().onCommand(slackUser, "/echo", "shout very   LOUD"))).isEqualTo("VERY LOUD");
        assertThat(text(engine().onCommand(slackUser, "/echo", "shout very-loud"))).isEqualTo("VERY LOUD");
        assertThat(received.get()).isNull();
    }

    @Test
    void anUnknownSubcommandIsAnsweredOneWayWithTheNearestName() {
        Command strict = new Command() {
            public String name() {
                return "strict";
            }

            public String summary() {
                return "only subcommands";
            }

            public List<Subcommand> subcommands() {
                return List.of(Subcommand.bare().help("nothing").handledBy((i, a) -> Response.silent()),
                        Subcommand.named("report").help("a report").handledBy((i, a) -> Response.silent()));
            }
        };
        ConversationEngine engine = new ConversationEngine(new CommandRouter(List.of(strict)), access, List.of(),
                List.of(), List.of(), List.of());

        assertThat(text(engine.onCommand(slackUser, "/strict", "reprot now")))
                .startsWith("⚠️ I don't know /strict reprot. Did you mean /strict report?")
                .contains("/strict help");
        assertThat(text(engine.onMessage(teamsUser, "strict xyz"))).startsWith("⚠️ I don't know strict xyz.")
                .doesNotContain("Did you mean");
        assertThat(text(engine.onMessage(teamsUser, "strikt"))).startsWith("I don't know strikt. Did you mean strict?");
    }

    @Test
    void theRoleIsCheckedBeforeTheHandlerRuns() {
        when(access.decide(slackUser.user(), Role.ADMIN)).thenReturn(AccessPolicy.Decision.REFUSED);

        assertThat(text(engine().onCommand(slackUser, "/echo", "shout loud")))
                .isEqualTo("⚠️ Only an admin of this workspace can shout.");
        assertThat(text(engine().onCommand(teamsUser, "echo", "shout loud"))).isEqualTo("LOUD");
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
