package io.opsbot.core.conversation;

import io.opsbot.core.metrics.BotMetrics;
import io.opsbot.core.storage.RequestReads;
import io.opsbot.core.access.AccessDenied;
import io.opsbot.core.access.AccessPolicy;
import io.opsbot.core.access.Permission;
import io.opsbot.core.form.Form;
import io.opsbot.core.form.FormValidator;
import io.opsbot.core.form.FormValues;
import io.opsbot.core.message.ButtonValue;
import io.opsbot.core.message.Markup;
import io.opsbot.core.message.Message;
import io.opsbot.core.message.Texts;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.stereotype.Component;

import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The single entry point adapters call for everything a user does: a command, a free-text message to the bot, a form
 * submission, a button click. It routes to the feature that owns it, reads commands against their declared
 * {@link Subcommand}s, checks the declared role with the {@link AccessPolicy} before anything runs, and guarantees the
 * user gets a clear answer: {@link UserError}s become their message, anything unexpected becomes an apology with a
 * reference that is logged.
 */
@Component
public class ConversationEngine {

    private static final Logger log = LoggerFactory.getLogger(ConversationEngine.class);
    private static final Pattern WHITESPACE = Pattern.compile("\\s+");

    private final CommandRouter router;
    private final AccessPolicy access;
    private final Map<String, FormHandler> formHandlers;
    private final Map<String, Action> actions;
    private final List<MessageInterceptor> interceptors;
    private final Map<String, MessageShortcut> shortcuts;

    public ConversationEngine(CommandRouter router, AccessPolicy access, List<FormHandler> formHandlers,
                              List<Actions> actions, List<MessageInterceptor> interceptors,
                              List<MessageShortcut> shortcuts) {
        this.router = router;
        this.access = access;
        this.formHandlers = formHandlers.stream()
                .collect(Collectors.toUnmodifiableMap(FormHandler::formId, h -> h));
        this.actions = actions.stream().flatMap(a -> a.actions().stream())
                .collect(Collectors.toUnmodifiableMap(Action::id, a -> a));
        this.interceptors = List.copyOf(interceptors);
        this.shortcuts = shortcuts.stream()
                .collect(Collectors.toUnmodifiableMap(MessageShortcut::id, s -> s));
    }

    /** A command typed with its name: {@code /feedback text} on Slack. */
    public Response onCommand(Invoker invoker, String commandName, String arguments) {
        String name = CommandRouter.normalize(commandName);
        return guarded(invoker, name, () -> {
            Optional<Command> found = router.find(name);
            if (found.isEmpty()) {
                return Response.privately(router.unknownCommand(name, invoker.platform()));
            }
            Command command = found.get();
            String typed = arguments == null ? "" : arguments.strip();
            if (WHITESPACE.split(typed, 2)[0].equalsIgnoreCase("help")) {
                return Response.privately(router.help(command, invoker.platform()));
            }
            CommandLine.Outcome outcome = CommandLine.read(router.subcommands(command), typed, invoker.tenant());
            if (outcome instanceof CommandLine.BadArguments bad) {
                return Response.privately(router.usageError(command, bad.named(), bad.reason(), invoker.platform()));
            }
            if (outcome instanceof CommandLine.Unknown unknown) {
                return Response.privately(unknown.word().isEmpty() ? router.help(command, invoker.platform())
                        : router.unknownSubcommand(command, unknown.word(), unknown.reason(), invoker.platform()));
            }
            CommandLine.Matched matched = (CommandLine.Matched) outcome;
            Subcommand sub = matched.subcommand();
            return permitted(invoker, sub.permission(), () -> {
                command.before(invoker);
                return sub.handler().handle(invoker, matched.arguments());
            });
        });
    }

    /**
     * Free text sent to the bot (a Teams message, a Slack DM). An ongoing multi-step conversation gets it first;
     * otherwise the first word names the command.
     */
    public Response onMessage(Invoker invoker, String text) {
        String trimmed = text == null ? "" : text.strip();
        return guarded(invoker, "message", () -> {
            for (MessageInterceptor interceptor : interceptors) {
                Optional<Response> taken = interceptor.intercept(invoker, trimmed);
                if (taken.isPresent()) {
                    return taken.get();
                }
            }
            if (trimmed.isEmpty() || CommandRouter.normalize(trimmed).equals("help")) {
                return Response.privately(router.overview(invoker.platform()));
            }
            int space = trimmed.indexOf(' ');
            String name = space < 0 ? trimmed : trimmed.substring(0, space);
            String rest = space < 0 ? "" : trimmed.substring(space + 1);
            if (router.find(name).isEmpty()) {
                return Response.privately(router.unknownCommand(CommandRouter.normalize(name), invoker.platform()));
            }
            return onCommand(invoker, name, rest);
        });
    }

    public SubmissionResult onSubmit(FormSubmission submission) {
        FormHandler handler = formHandlers.get(submission.formId());
        if (handler == null) {
            log.warn("Submission for unknown form {}", submission.formId());
            return SubmissionResult.accepted(Message.text("This form is no longer available. Please start again."));
        }
        try {
            Permission permission = handler.permission();
            AccessPolicy.Decision decision = decide(submission.invoker(), permission);
            if (decision == AccessPolicy.Decision.REFUSED) {
                return new SubmissionResult.Refused(warningMessage(permission.refusal(
                        submission.invoker().platform())));
            }
            Form form = handler.form(submission);
            Map<String, String> errors = FormValidator.validate(form, submission.values());
            if (!errors.isEmpty()) {
                return new SubmissionResult.Rejected(errors);
            }
            SubmissionResult result = handler.submit(submission, new FormValues(submission.values()));
            boolean worked = result instanceof SubmissionResult.Accepted;
            if (decision == AccessPolicy.Decision.ALLOWED_AS_FIRST_ADMIN && worked) {
                access.claimFirstAdmin(submission.invoker().actor());
            }
            return result;
        } catch (AccessDenied e) {
            return new SubmissionResult.Refused(warningMessage(e.getMessage()));
        } catch (UserError e) {
            return SubmissionResult.accepted(Message.text(e.getMessage()));
        } catch (DataAccessResourceFailureException | TransientDataAccessException e) {
            return SubmissionResult.accepted(databaseAway(submission.invoker(), "form " + submission.formId(), e));
        } catch (RuntimeException e) {
            return SubmissionResult.accepted(apology(submission.invoker(), "form " + submission.formId(), e));
        }
    }

    /** A button click: the declared action, if there is one and the person may click it. */
    public Response onAction(ActionRequest request) {
        return guarded(request.invoker(), "action " + request.actionId(), () -> {
            Action action = actions.get(request.actionId());
            if (action == null) {
                log.warn("No action {}", request.actionId());
                return Response.privately(Action.NO_LONGER_ACTIVE);
            }
            return permitted(request.invoker(), action.permission(),
                    () -> action.handler().handle(request, ButtonValue.decode(request.value())));
        });
    }

    /** An action chosen on an existing message, e.g. "Save as feedback". */
    public Response onMessageShortcut(Invoker invoker, String shortcutId, SharedMessage message) {
        return guarded(invoker, "shortcut " + shortcutId, () -> {
            MessageShortcut shortcut = shortcuts.get(shortcutId);
            if (shortcut == null) {
                log.warn("No handler for message shortcut {}", shortcutId);
                return Response.privately("That shortcut is no longer available.");
            }
            return shortcut.handle(invoker, message);
        });
    }

    /**
     * Rebuilds a form from its id and state, for platforms that cannot open a form in every place a command can be
     * typed (a Slack DM has no trigger to open a modal with, so the adapter offers a button that opens it).
     */
    public Optional<Form> form(Invoker invoker, String formId, String state) {
        FormHandler handler = formHandlers.get(formId);
        if (handler == null) {
            return Optional.empty();
        }
        return Optional.of(handler.form(new FormSubmission(invoker, formId, Map.of(), state)).withState(state));
    }

    /**
     * Runs the work if the person holds the role, else answers the refusal and does nothing. In a tenant without an
     * admin the person goes ahead and becomes its admin, once the work has worked (a user error records nothing).
     */
    private Response permitted(Invoker invoker, Permission permission, Supplier<Response> work) {
        AccessPolicy.Decision decision = decide(invoker, permission);
        if (decision == AccessPolicy.Decision.REFUSED) {
            return warning(permission.refusal(invoker.platform()));
        }
        Response response = work.get();
        if (decision == AccessPolicy.Decision.ALLOWED_AS_FIRST_ADMIN) {
            access.claimFirstAdmin(invoker.actor());
        }
        return response;
    }

    /** The role check; what its owner may do too is checked by the handler against the record it acts on. */
    private AccessPolicy.Decision decide(Invoker invoker, Permission permission) {
        return permission.checkedByRole() ? access.decide(invoker.user(), permission.role())
                : AccessPolicy.Decision.ALLOWED;
    }

    private Response guarded(Invoker invoker, String what, Supplier<Response> work) {
        long started = System.nanoTime();
        String outcome = "error";
        try {
            // A request reads a tenant's settings once (several steps of one command need them).
            Response response = RequestReads.within(work);
            outcome = "ok";
            return response;
        } catch (AccessDenied | UserError e) {
            outcome = "refused";
            return warning(e.getMessage());
        } catch (DataAccessResourceFailureException | TransientDataAccessException e) {
            outcome = "database-away";
            return Response.privately(databaseAway(invoker, what, e));
        } catch (RuntimeException e) {
            return Response.privately(apology(invoker, what, e));
        } finally {
            BotMetrics.command(invoker.platform().name(), metricName(what), outcome, System.nanoTime() - started);
        }
    }

    /** The command tag of a metric: a declared command's name or the kind of request, never what someone typed. */
    private String metricName(String what) {
        if (what.startsWith("action ")) {
            return "action";
        }
        if (what.startsWith("shortcut ")) {
            return "shortcut";
        }
        return what.equals("message") || router.find(what).isPresent() ? what : "unknown";
    }

    /**
     * The database cannot be reached (a failover, a network cut): nothing is wrong with what the person did, and it
     * will work again shortly. One log line, no stack trace: this is an outage to see in the logs, not a bug.
     */
    private static Message databaseAway(Invoker invoker, String what, RuntimeException e) {
        log.warn("Database unreachable while handling {} for {}: {}", what, invoker.user(),
                Texts.shorten(String.valueOf(e.getMessage()), 200));
        return Message.text(DatabaseAway.MESSAGE);
    }

    private static Response warning(String text) {
        return Response.privately(warningMessage(text));
    }

    private static Message warningMessage(String text) {
        return Message.of(Markup.builder().text("⚠️ ").text(text).build());
    }

    private static Message apology(Invoker invoker, String what, RuntimeException e) {
        String ref = HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt()).substring(0, 6);
        log.error("Failed handling {} for {} (ref {})", what, invoker.user(), ref, e);
        return Message.text("Sorry, something went wrong on our side. Please try again in a moment. "
                + "If it keeps happening, give your admin this reference: " + ref + ".");
    }
}
