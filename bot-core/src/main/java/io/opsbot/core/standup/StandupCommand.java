package io.opsbot.core.standup;

import io.opsbot.core.access.Role;
import io.opsbot.core.conversation.Arg;
import io.opsbot.core.conversation.Arguments;
import io.opsbot.core.conversation.Command;
import io.opsbot.core.conversation.Invoker;
import io.opsbot.core.conversation.Response;
import io.opsbot.core.conversation.Subcommand;
import io.opsbot.core.conversation.UserError;
import io.opsbot.core.message.Markup;
import io.opsbot.core.message.Message;
import io.opsbot.core.people.ProfileService;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/** {@code /standup} (Slack) and {@code standup} (Teams): set up, list, pause, skip and run async standups. */
@Component
public class StandupCommand implements Command {

    private static final Arg NAME = Arg.text("name");
    private static final Arg PEOPLE = Arg.mention("person").repeated();
    private static final String DATE = "YYYY-MM-DD";
    private static final String MANAGE = "change standups";

    private final StandupService service;
    private final StandupChanges changes;
    private final StandupForm form;
    private final StandupAnswerForm answerForm;
    private final ProfileService profiles;
    private final Clock clock;

    public StandupCommand(StandupService service, StandupChanges changes, StandupForm form,
                          StandupAnswerForm answerForm, ProfileService profiles, Clock clock) {
        this.service = service;
        this.changes = changes;
        this.form = form;
        this.answerForm = answerForm;
        this.profiles = profiles;
        this.clock = clock;
    }

    @Override
    public String name() {
        return "standup";
    }

    @Override
    public String summary() {
        return "async standups: asked in DMs in each person's time zone, summarised in a channel";
    }

    @Override
    public List<Subcommand> subcommands() {
        return List.of(
                Subcommand.bare().help("set up a new standup").role(Role.MANAGER, "set up standups")
                        .handledBy((invoker, args) -> Response.form(form.blank(suggestedZone(invoker)))),
                Subcommand.named("list").help("the standups here and when they run")
                        .handledBy((invoker, args) -> Response.privately(list(invoker))),
                Subcommand.named("edit").args(NAME.optional()).help("change a standup").role(Role.MANAGER, MANAGE)
                        .handledBy((invoker, args) -> Response.form(form.editing(managed(invoker, args,
                                "change it")))),
                Subcommand.named("pause").args(NAME.optional()).help("stop asking until it is resumed")
                        .role(Role.MANAGER, MANAGE).handledBy((invoker, args) -> pauseOrResume(invoker, args, true)),
                Subcommand.named("resume").args(NAME.optional()).help("start asking again").role(Role.MANAGER, MANAGE)
                        .handledBy((invoker, args) -> pauseOrResume(invoker, args, false)),
                // With people mentioned it is for them; the name alone would take the mentions as its words.
                Subcommand.named("skip").args(NAME, PEOPLE).help("these people skip today (they are away)")
                        .role(Role.MANAGER, "skip today for someone else").handledBy(this::skipFor),
                Subcommand.named("skip").args(NAME.optional()).help("I skip today")
                        .handledBy((invoker, args) -> Response.privately(skip(invoker, args.text(NAME.name())))),
                Subcommand.named("answer").args(NAME.optional()).help("answer (or edit) today's standup in a form")
                        .handledBy(this::answer),
                Subcommand.named("holiday").args(NAME, Arg.literal("add"), Arg.date(DATE))
                        .help("a day off for this standup").role(Role.MANAGER, MANAGE)
                        .handledBy((invoker, args) -> holiday(invoker, args, true)),
                Subcommand.named("holiday").args(NAME, Arg.literal("remove"), Arg.date(DATE))
                        .help("no longer a day off").role(Role.MANAGER, MANAGE)
                        .handledBy((invoker, args) -> holiday(invoker, args, false)),
                Subcommand.named("run").args(NAME.optional()).help("ask everyone now")
                        .role(Role.MANAGER, "run standups").handledBy(this::run),
                Subcommand.named("delete").args(NAME.optional()).help("remove a standup")
                        .role(Role.MANAGER, "delete standups").handledBy(this::delete));
    }

    private Standup standup(Invoker invoker, Arguments args) {
        return service.byName(invoker.tenant(), args.text(NAME.name()));
    }

    /** The standup named, if the person may change it (a manager of it, or an admin). */
    private Standup managed(Invoker invoker, Arguments args, String what) {
        Standup standup = standup(invoker, args);
        changes.require(invoker.user(), standup, what);
        return standup;
    }

    private Response run(Invoker invoker, Arguments args) {
        Standup toRun = standup(invoker, args);
        int asked = changes.runNow(invoker.actor(), toRun);
        return Response.privately("Asked " + asked + " participant(s) of " + toRun.getName() + " now.");
    }

    private Response delete(Invoker invoker, Arguments args) {
        Standup gone = standup(invoker, args);
        changes.delete(invoker.actor(), gone);
        return Response.privately(gone.getName() + " is deleted.");
    }

    private ZoneId suggestedZone(Invoker invoker) {
        return invoker.zone() != null ? invoker.zone() : profiles.zone(invoker.user(), ZoneId.of("UTC"));
    }

    private Message list(Invoker invoker) {
        List<Standup> all = service.inTenant(invoker.tenant());
        if (all.isEmpty()) {
            return Message.text("No standups yet. An admin can set one up with "
                    + invoker.platform().command("standup") + ".");
        }
        Markup.Builder text = Markup.builder().bold("Standups");
        for (Standup s : all) {
            text.newline().text(s.isPaused() ? "⏸️ " : "🗓️ ").bold(s.getName())
                    .text(": " + StandupDescriptions.when(s) + ", " + service.participants(s).size() + " people")
                    .italic(s.isPaused() ? " (paused)" : "");
        }
        return Message.of(text.build());
    }

    private Response pauseOrResume(Invoker invoker, Arguments args, boolean pause) {
        Standup standup = changes.setPaused(invoker.actor(), standup(invoker, args), pause);
        return Response.privately(standup.getName() + (pause ? " is paused. Nobody will be asked until it is resumed."
                : " is running again: " + StandupDescriptions.when(standup) + "."));
    }

    private String skip(Invoker invoker, String name) {
        List<Standup> mine = new ArrayList<>();
        if (!name.isBlank()) {
            mine.add(service.byName(invoker.tenant(), name));
        } else {
            for (Standup s : service.inTenant(invoker.tenant())) {
                if (!s.isPaused() && service.participants(s).stream().anyMatch(p -> p.user().equals(invoker.user()))) {
                    mine.add(s);
                }
            }
        }
        if (mine.isEmpty()) {
            return "You are not in any standup here.";
        }
        return String.join("\n", mine.stream().map(s -> service.skipToday(s, invoker.user())).toList());
    }

    private Response answer(Invoker invoker, Arguments args) {
        Standup standup = standup(invoker, args);
        ZoneId zone = standup.getZoneMode() == ZoneMode.PARTICIPANT
                ? profiles.zone(invoker.user(), standup.zone()) : standup.zone();
        LocalDate today = clock.instant().atZone(zone).toLocalDate();
        StandupRun run = service.run(StandupRun.id(standup.getId(), today))
                .orElseThrow(() -> new UserError(standup.getName() + " has not asked anyone yet today."));
        return Response.form(answerForm.form(run, invoker.user()));
    }

    private Response skipFor(Invoker invoker, Arguments args) {
        Standup standup = standup(invoker, args);
        changes.require(invoker.user(), standup, "skip today for someone else");
        return Response.privately(String.join("\n", args.people(PEOPLE.name()).stream()
                .map(person -> changes.skipFor(invoker.actor(), standup, person)).toList()));
    }

    private Response holiday(Invoker invoker, Arguments args, boolean add) {
        Standup standup = standup(invoker, args);
        List<LocalDate> days = changes.holiday(invoker.actor(), standup, args.date(DATE), add);
        return Response.privately(standup.getName() + " holidays: " + (days.isEmpty() ? "none"
                : String.join(", ", days.stream().map(LocalDate::toString).toList())) + ".");
    }
}
