package io.opsbot.core.conversation;

import io.opsbot.core.form.Form;
import io.opsbot.core.form.FormValidator;
import io.opsbot.core.form.FormValues;
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
import java.util.stream.Collectors;

/**
 * The single entry point adapters call for everything a user does: a command, a free-text message to the bot, a form
 * submission, a button click. It routes to the feature that owns it and guarantees the user gets a clear answer:
 * {@link UserError}s become their message, anything unexpected becomes an apology with a reference that is logged.
 */
@Component
public class ConversationEngine {

    private static final Logger log = LoggerFactory.getLogger(ConversationEngine.class);

    private final CommandRouter router;
    private final Map<String, FormHandler> formHandlers;
    private final List<ActionHandler> actionHandlers;
    private final List<MessageInterceptor> interceptors;
    private final Map<String, MessageShortcut> shortcuts;

    public ConversationEngine(CommandRouter router, List<FormHandler> formHandlers,
                              List<ActionHandler> actionHandlers, List<MessageInterceptor> interceptors,
                              List<MessageShortcut> shortcuts) {
        this.router = router;
        this.formHandlers = formHandlers.stream()
                .collect(Collectors.toUnmodifiableMap(FormHandler::formId, h -> h));
        this.actionHandlers = List.copyOf(actionHandlers);
        this.interceptors = List.copyOf(interceptors);
        this.shortcuts = shortcuts.stream()
                .collect(Collectors.toUnmodifiableMap(MessageShortcut::id, s -> s));
    }

    /** A command typed with its name: {@code /feedback text} on Slack. */
    public Response onCommand(Invoker invoker, String commandName, String arguments) {
        String name = CommandRouter.normalize(commandName);
        return guarded(invoker, name, () -> {
            Optional<Command> command = router.find(name);
            if (command.isEmpty()) {
                return Response.privately(unknownCommand(invoker, name));
            }
            CommandRequest request = new CommandRequest(invoker, name, arguments);
            if (request.subcommand().equals("help")) {
                return Response.privately(router.help(command.get(), invoker.platform()));
            }
            return command.get().handle(request);
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
                return Response.privately(unknownCommand(invoker, CommandRouter.normalize(name)));
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
            Form form = handler.form(submission);
            Map<String, String> errors = FormValidator.validate(form, submission.values());
            if (!errors.isEmpty()) {
                return new SubmissionResult.Rejected(errors);
            }
            return handler.submit(submission, new FormValues(submission.values()));
        } catch (UserError e) {
            return SubmissionResult.accepted(Message.text(e.getMessage()));
        } catch (DataAccessResourceFailureException | TransientDataAccessException e) {
            return SubmissionResult.accepted(databaseAway(submission.invoker(), "form " + submission.formId(), e));
        } catch (RuntimeException e) {
            return SubmissionResult.accepted(apology(submission.invoker(), "form " + submission.formId(), e));
        }
    }

    public Response onAction(ActionRequest request) {
        return guarded(request.invoker(), "action " + request.actionId(), () -> actionHandlers.stream()
                .filter(h -> request.actionId().startsWith(h.prefix() + "."))
                .findFirst()
                .map(h -> h.handle(request))
                .orElseGet(() -> {
                    log.warn("No handler for action {}", request.actionId());
                    return Response.privately("That button is no longer active.");
                }));
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

    private Response guarded(Invoker invoker, String what, Supplier<Response> work) {
        try {
            return work.get();
        } catch (UserError e) {
            return Response.privately(Message.of(Markup.builder().text("⚠️ ").text(e.getMessage()).build()));
        } catch (DataAccessResourceFailureException | TransientDataAccessException e) {
            return Response.privately(databaseAway(invoker, what, e));
        } catch (RuntimeException e) {
            return Response.privately(apology(invoker, what, e));
        }
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

    private Message unknownCommand(Invoker invoker, String name) {
        return Message.of(Markup.builder().text("I don't know ").code(name).text(".").newline()
                .append(router.overviewText(invoker.platform())).build());
    }

    private static Message apology(Invoker invoker, String what, RuntimeException e) {
        String ref = HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt()).substring(0, 6);
        log.error("Failed handling {} for {} (ref {})", what, invoker.user(), ref, e);
        return Message.text("Sorry, something went wrong on our side. Please try again in a moment. "
                + "If it keeps happening, give your admin this reference: " + ref + ".");
    }
}
