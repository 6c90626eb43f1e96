package io.opsbot.core.people;

import io.opsbot.core.conversation.Arg;
import io.opsbot.core.conversation.Invoker;
import io.opsbot.core.conversation.Response;
import io.opsbot.core.conversation.Subcommand;
import io.opsbot.core.message.Markup;
import io.opsbot.core.message.Message;
import io.opsbot.core.tenant.UserRef;

import java.util.List;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * The {@code reminders} subcommands every ritual offers each person, one way: show them, turn the reminder on or off,
 * pause after N unanswered prompts in a row, resume after such a pause.
 */
public final class ReminderCommands {

    private static final Arg ON_OFF = Arg.choice("on|off", List.of("on", "off"));

    /**
     * How a ritual speaks of them: its name in the preferences ({@code standup}), its command, its title in "your
     * standup reminders", what its reminder is ("reminder before the cutoff") and what it counts ("days": "after 3
     * unanswered days in a row").
     */
    public record Wording(String ritual, String command, String title, String reminder, String prompts) {

        String unanswered() {
            return "unanswered " + prompts;
        }
    }

    private ReminderCommands() {
    }

    /**
     * The subcommands; {@code identities} are the identities a setting applies to (the person's, and their linked one
     * for a ritual that spans both platforms).
     */
    public static List<Subcommand> of(NudgePreferences preferences, Wording wording,
                                      Function<UserRef, List<UserRef>> identities) {
        Arg prompts = Arg.parsed(wording.prompts(), 1,
                word -> word.matches("[0-9]{1,2}") ? Optional.of(Integer.parseInt(word)) : Optional.empty());
        return List.of(
                Subcommand.named("reminders").help("your " + wording.title() + " reminder settings")
                        .handledBy((invoker, args) -> Response.privately(settings(preferences, wording, invoker))),
                Subcommand.named("reminders").args(Arg.literal("resume"))
                        .help("be asked again after " + wording.unanswered() + " paused you")
                        .handledBy((invoker, args) -> change(preferences, wording, identities, invoker,
                                preferences::resume)),
                Subcommand.named("reminders").args(Arg.literal("pause-after"), prompts)
                        .help("stop asking me after this many " + wording.unanswered() + " in a row (0: never)")
                        .handledBy((invoker, args) -> {
                            int count = args.optional(prompts.name(), Integer.class).orElseThrow();
                            return change(preferences, wording, identities, invoker,
                                    (u, r) -> preferences.setPauseAfter(u, r, count));
                        }),
                Subcommand.named("reminders").args(ON_OFF).help("turn the " + wording.reminder() + " on or off")
                        .handledBy((invoker, args) -> {
                            boolean on = args.text(ON_OFF.name()).equals("on");
                            return change(preferences, wording, identities, invoker,
                                    (u, r) -> preferences.setReminders(u, r, on));
                        }));
    }

    private static Response change(NudgePreferences preferences, Wording wording,
                                   Function<UserRef, List<UserRef>> identities, Invoker invoker,
                                   BiConsumer<UserRef, String> change) {
        identities.apply(invoker.user()).forEach(user -> change.accept(user, wording.ritual()));
        return Response.privately(settings(preferences, wording, invoker));
    }

    private static Message settings(NudgePreferences preferences, Wording wording, Invoker invoker) {
        NudgePreference mine = preferences.of(invoker.user(), wording.ritual());
        String command = invoker.platform().command(wording.command()) + " reminders";
        String reminder = wording.reminder();
        Markup.Builder text = Markup.builder().bold("Your " + wording.title() + " reminders").newline()
                .text(Character.toUpperCase(reminder.charAt(0)) + reminder.substring(1) + ": "
                        + (mine.remindersOff() ? "off" : "on") + " (")
                .code(command + (mine.remindersOff() ? " on" : " off")).text(").").newline()
                .text(mine.pauseAfterOrDefault() == 0 ? "Never stops asking you"
                        : "Stops asking you after " + mine.pauseAfterOrDefault() + " " + wording.unanswered()
                          + " in a row")
                .text(" (").code(command + " pause-after <" + wording.prompts() + ">").text(").");
        if (mine.paused()) {
            text.newline().text("⏸️ Paused now, after " + wording.unanswered() + ": ").code(command + " resume")
                    .text(" asks you again.");
        }
        return Message.of(text.build());
    }
}
