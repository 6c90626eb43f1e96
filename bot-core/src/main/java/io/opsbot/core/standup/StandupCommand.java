package io.opsbot.core.standup;

import io.opsbot.core.access.Role;
import io.opsbot.core.audit.Actor;
import io.opsbot.core.blocker.Blocker;
import io.opsbot.core.blocker.BlockerCards;
import io.opsbot.core.conversation.ChannelHere;
import io.opsbot.core.conversation.Arg;
import io.opsbot.core.conversation.Arguments;
import io.opsbot.core.conversation.Command;
import io.opsbot.core.conversation.Invoker;
import io.opsbot.core.conversation.Response;
import io.opsbot.core.conversation.Subcommand;
import io.opsbot.core.conversation.UserError;
import io.opsbot.core.gateway.Destination;
import io.opsbot.core.message.Markup;
import io.opsbot.core.message.Message;
import io.opsbot.core.people.DateRange;
import io.opsbot.core.people.NudgePreferences;
import io.opsbot.core.people.ReminderCommands;
import io.opsbot.core.people.ProfileService;
import io.opsbot.core.tenant.UserRef;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** {@code /standup} (Slack) and {@code standup} (Teams): set up, list, pause, skip and run async standups. */
@Component
public class StandupCommand implements Command {

    private static final Arg NAME = Arg.text("name");
    private static final Arg PEOPLE = Arg.mention("person").repeated();
    private static final Arg PERSON = Arg.mention("person");
    private static final Arg HOURS = Arg.parsed("hours", 1, word -> word.matches("[0-9]{1,2}")
            && Integer.parseInt(word) < 24 ? Optional.of(Integer.parseInt(word)) : Optional.empty());
    private static final Arg RANGE = Arg.parsed("from..to", 1, StandupHistory::parseRange).optional();
    private static final String DATE = "YYYY-MM-DD";
    private static final String MANAGE = "change standups";

    private final StandupService service;
    private final StandupChanges changes;
    private final StandupForm form;
    private final StandupAnswerForm answerForm;
    private final StandupHistory history;
    private final NudgePreferences preferences;
    private final StandupBlockers blockers;
    private final ProfileService profiles;
    private final Clock clock;

    public StandupCommand(StandupService service, StandupChanges changes, StandupForm form,
                          StandupAnswerForm answerForm, StandupHistory history, NudgePreferences preferences,
                          StandupBlockers blockers, ProfileService profiles, Clock clock) {
        this.blockers = blockers;
        this.history = history;
        this.preferences = preferences;
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
        List<Subcommand> all = new ArrayList<>(mainSubcommands());
        int blockers = all.indexOf(all.stream().filter(s -> s.name().equals("blockers")).findFirst().orElseThrow());
        // Set on both identities of a linked person: whichever platform they type it on, the standup knows it.
        all.addAll(blockers, ReminderCommands.of(preferences, new ReminderCommands.Wording(StandupService.RITUAL,
                "standup", "standup", "reminder before the cutoff", "days"), service::identities));
        return all;
    }

    private List<Subcommand> mainSubcommands() {
        return List.of(
                Subcommand.bare().help("my standups: when they ask me and whether I answered today")
                        .handledBy((invoker, args) -> Response.privately(mine(invoker))),
                Subcommand.named("new").help("set up a new standup").role(Role.MANAGER, "set up standups")
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
                Subcommand.named("answer").args(NAME.optional())
                        .help("answer (or edit) today's standup in a form, also before it asks")
                        .handledBy(this::answer),
                Subcommand.named("history").args(RANGE)
                        .help("my standup days and answers (the last two weeks, or YYYY-MM-DD..YYYY-MM-DD)")
                        .handledBy((invoker, args) -> Response.privately(history.history(invoker.user(),
                                invoker.user(), range(invoker, args)))),
                Subcommand.named("history").args(PERSON, RANGE).help("someone's standup days and answers")
                        .handledBy((invoker, args) -> Response.privately(history.history(invoker.user(),
                                args.people(PERSON.name()).get(0), range(invoker, args)))),
                Subcommand.named("participation").args(RANGE)
                        .help("how often each person answered, per standup (answered of the days asked)")
                        .handledBy((invoker, args) -> Response.privately(history.participation(invoker.user(),
                                range(invoker, args)))),
                Subcommand.named("blockers").args(NAME, Arg.literal("here"))
                        .help("tell this channel of new blockers at once").role(Role.MANAGER, MANAGE)
                        .handledBy((invoker, args) -> blockersTo(invoker, args, ChannelHere.of(invoker,
                                "the channel that should hear of blockers"))),
                Subcommand.named("blockers").args(NAME, Arg.literal("off"))
                        .help("nobody is told of blockers at once").role(Role.MANAGER, MANAGE)
                        .handledBy((invoker, args) -> blockersTo(invoker, args, null)),
                Subcommand.named("blockers").args(NAME, PERSON)
                        .help("tell this person of new blockers at once (in a DM)").role(Role.MANAGER, MANAGE)
                        .handledBy((invoker, args) -> blockersTo(invoker, args,
                                new Destination.Direct(args.people(PERSON.name()).get(0)))),
                Subcommand.named("resolve").args(Arg.reference("blocker", Blocker.KIND))
                        .help("mark one of your blockers resolved, e.g. resolve BL-4 (it is carried over until then)")
                        .handledBy((invoker, args) -> {
                            Blocker b = blockers.resolve(invoker.user(), args.reference("blocker"));
                            return Response.privately(BlockerCards.resolved(b));
                        }),
                Subcommand.named("early").args(HOURS, NAME.optional())
                        .help("take answers this many hours before it asks (e.g. 15: the evening before; 0: off)")
                        .role(Role.MANAGER, MANAGE)
                        .handledBy((invoker, args) -> {
                            int hours = args.optional(HOURS.name(), Integer.class).orElseThrow();
                            Standup standup = changes.setEarlyHours(invoker.actor(), standup(invoker, args), hours);
                            return Response.privately(hours == 0 ? standup.getName()
                                    + " takes answers from its prompt on." : standup.getName() + " takes answers "
                                    + hours + " hours before it asks: " + invoker.platform().command("standup")
                                    + " answer " + standup.getName() + ".");
                        }),
                Subcommand.named("mirror").args(NAME.optional())
                        .help("post its summary in this channel too (also on the other platform, once linked)")
                        .handledBy(this::mirror),
                // The same word order as the company's: holiday add|remove <date>, then which standup.
                Subcommand.named("holiday").args(Arg.literal("add"), Arg.date(DATE), NAME.optional())
                        .help("a day off for this standup").role(Role.MANAGER, MANAGE)
                        .handledBy((invoker, args) -> holiday(invoker, args, true)),
                Subcommand.named("holiday").args(Arg.literal("remove"), Arg.date(DATE), NAME.optional())
                        .help("no longer a day off").role(Role.MANAGER, MANAGE)
                        .handledBy((invoker, args) -> holiday(invoker, args, false)),
                Subcommand.named("run").args(NAME.optional()).help("ask everyone now")
                        .role(Role.MANAGER, "run standups").handledBy(this::run),
                Subcommand.named("delete").args(NAME.optional()).help("remove a standup")
                        .role(Role.MANAGER, "delete standups").handledBy(this::delete));
    }

    private Response blockersTo(Invoker invoker, Arguments args, Destination to) {
        Standup standup = changes.setBlockersTo(invoker.actor(), standup(invoker, args), to);
        return Response.privately(to == null ? "Nobody is told of " + standup.getName() + "'s blockers at once now."
                : "New blockers in " + standup.getName() + " now go " + (to instanceof Destination.Channel
                ? "to this channel" : "to " + profiles.displayName(((Destination.Direct) to).user()))
                + " as soon as they are posted.");
    }

    private DateRange range(Invoker invoker, Arguments args) {
        LocalDate today = clock.instant().atZone(suggestedZone(invoker)).toLocalDate();
        return StandupHistory.orDefault(args.optional(RANGE.name(), DateRange.class), today);
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
        return Response.privately("Asking " + asked + " participant(s) of " + toRun.getName() + " now.");
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
            return Message.text("No standups yet. A manager can set one up with "
                    + invoker.platform().command("standup") + " new.");
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
            mine.add(service.byNameFor(invoker.user(), name));
        } else {
            service.joinedBy(invoker.user()).stream().filter(s -> !s.isPaused()).forEach(mine::add);
        }
        if (mine.isEmpty()) {
            return "You are not in any standup here.";
        }
        return String.join("\n", mine.stream().map(s -> service.skipToday(s, service.memberOf(s, invoker.user())
                .orElseThrow(() -> new UserError("You are not part of " + s.getName() + ".")))).toList());
    }

    /** The standups the person takes part in (also through a linked identity): when, and how today went. */
    private Message mine(Invoker invoker) {
        List<Standup> mine = service.joinedBy(invoker.user());
        if (mine.isEmpty()) {
            return Message.text("You are not in any standup. " + invoker.platform().command("standup")
                    + " list shows the standups here; a manager sets one up with "
                    + invoker.platform().command("standup") + " new.");
        }
        Markup.Builder text = Markup.builder().bold("Your standups");
        for (Standup s : mine) {
            UserRef me = service.memberOf(s, invoker.user()).orElseThrow();
            text.newline().text(s.isPaused() ? "⏸️ " : "🗓️ ").bold(s.getName())
                    .text(": " + StandupDescriptions.when(s) + ". Today: " + service.todayFor(s, me) + ".");
        }
        text.newline().text("Answer early or edit with ").code(invoker.platform().command("standup") + " answer <name>")
                .text(".");
        return Message.of(text.build());
    }

    /**
     * Typed in a channel by a manager of the standup, maybe on the other platform through their linked identity:
     * the summary is posted there too. The standup stays its own tenant's; the channel only receives its summary.
     */
    private Response mirror(Invoker invoker, Arguments args) {
        Standup standup = service.byNameFor(invoker.user(), args.text(NAME.name()));
        Destination.Channel here = ChannelHere.of(invoker, "the channel that should get the summary");
        UserRef me = service.memberOfTenant(standup, invoker.user());
        changes.setMirror(Actor.inChat(me, invoker.displayName()), standup, here);
        return Response.privately(standup.getName() + "'s daily summary will be posted in this channel too, "
                + "starting with its next day.");
    }

    private Response answer(Invoker invoker, Arguments args) {
        Standup standup = service.byNameFor(invoker.user(), args.text(NAME.name()));
        UserRef me = service.memberOf(standup, invoker.user()).orElseThrow(() -> new UserError(
                "You are not part of " + standup.getName() + "."));
        StandupRun run = service.answerableRun(standup, me, service.zoneOf(standup, me));
        return Response.form(answerForm.form(run, me));
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
