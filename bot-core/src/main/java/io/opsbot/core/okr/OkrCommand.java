package io.opsbot.core.okr;

import io.opsbot.core.access.AccessPolicy;
import io.opsbot.core.access.Role;
import io.opsbot.core.audit.Actor;
import io.opsbot.core.blocker.Blockers;
import io.opsbot.core.conversation.Arg;
import io.opsbot.core.conversation.Arguments;
import io.opsbot.core.conversation.ChannelHere;
import io.opsbot.core.conversation.Command;
import io.opsbot.core.conversation.Invoker;
import io.opsbot.core.conversation.Response;
import io.opsbot.core.conversation.Subcommand;
import io.opsbot.core.conversation.UserError;
import io.opsbot.core.gateway.Destination;
import io.opsbot.core.gateway.Messenger;
import io.opsbot.core.identity.IdentityLinks;
import io.opsbot.core.message.Markup;
import io.opsbot.core.message.Message;
import io.opsbot.core.people.NudgePreferences;
import io.opsbot.core.people.ProfileService;
import io.opsbot.core.people.ReminderCommands;
import io.opsbot.core.reference.Reference;
import io.opsbot.core.tenant.UserRef;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.DayOfWeek;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * {@code /okr} (Slack) and {@code okr} (Teams): your key results, team reports, check-ins and their history; for
 * managers the objectives and key results, for admins the cycle, cadence, zone, digest and channel.
 */
@Component
public class OkrCommand implements Command {

    static final int HISTORY = 10;
    private static final String MIRROR = "mirror the OKR digest";
    private static final Arg KEY_RESULT = Arg.reference("kr", KeyResult.KIND);
    private static final Arg EVERY = Arg.choice("how often", List.of("weekly", "biweekly", "monthly"));
    private static final Arg CONFIDENCE = Arg.parsed("on track|at risk|off track", 2, Confidence::parse);

    private final OkrCycleService cycles;
    private final ObjectiveService objectives;
    private final KeyResultService keyResults;
    private final CheckInService checkIns;
    private final OkrReports reports;
    private final OkrSettingsService settings;
    private final ObjectiveForm objectiveForm;
    private final KeyResultForm keyResultForm;
    private final CheckInForm checkInForm;
    private final ProfileService profiles;
    private final AccessPolicy access;
    private final Messenger messenger;
    private final Blockers blockers;
    private final NudgePreferences preferences;
    private final IdentityLinks identities;
    private final Clock clock;

    public OkrCommand(OkrCycleService cycles, ObjectiveService objectives, KeyResultService keyResults,
                      CheckInService checkIns, OkrReports reports, OkrSettingsService settings,
                      ObjectiveForm objectiveForm, KeyResultForm keyResultForm, CheckInForm checkInForm,
                      ProfileService profiles, AccessPolicy access, Messenger messenger, Blockers blockers,
                      NudgePreferences preferences, IdentityLinks identities, Clock clock) {
        this.preferences = preferences;
        this.identities = identities;
        this.blockers = blockers;
        this.access = access;
        this.cycles = cycles;
        this.objectives = objectives;
        this.keyResults = keyResults;
        this.checkIns = checkIns;
        this.reports = reports;
        this.settings = settings;
        this.objectiveForm = objectiveForm;
        this.keyResultForm = keyResultForm;
        this.checkInForm = checkInForm;
        this.profiles = profiles;
        this.messenger = messenger;
        this.clock = clock;
    }

    @Override
    public String name() {
        return "okr";
    }

    @Override
    public String summary() {
        return "objectives and key results: your progress, team reports, weekly check-ins";
    }

    @Override
    public List<Subcommand> subcommands() {
        List<Subcommand> all = new ArrayList<>(mainSubcommands());
        all.addAll(ReminderCommands.of(preferences, new ReminderCommands.Wording(OkrNudges.RITUAL, "okr",
                "OKR check-in", "reminder after the check-in prompt", "check-ins"), List::of));
        return all;
    }

    private List<Subcommand> mainSubcommands() {
        return List.of(
                Subcommand.named("mine").alias("", "list").help("your key results with progress bars")
                        .handledBy((invoker, args) -> Response.privately(mine(invoker))),
                Subcommand.named("report").args(Arg.text("team").optional())
                        .help("objectives with progress, confidence and who has not checked in")
                        .handledBy(this::report),
                Subcommand.named("checkin").alias("check-in").args(KEY_RESULT).help("check in with a form")
                        .handledBy((invoker, args) -> Response.form(checkInForm.forKeyResult(
                                checkIns.checkable(invoker.user(), keyResult(invoker, args).getId())))),
                Subcommand.named("checkin").alias("check-in")
                        .args(KEY_RESULT, Arg.word("value"), CONFIDENCE.optional(), Arg.text("comment").optional())
                        .help("check in now, e.g. checkin KR-3 4.5 at risk Churn went up")
                        .handledBy(this::checkIn),
                Subcommand.named("show").args(KEY_RESULT)
                        .help("one key result: where it stands, its owner and the blockers open against it")
                        .handledBy((invoker, args) -> {
                            KeyResult kr = keyResult(invoker, args);
                            return Response.privately(OkrCards.show(kr, objectives.objective(invoker.tenant(),
                                    kr.getObjectiveId()).orElse(null), profiles.displayName(kr.getOwner()),
                                    blockers.openOn(invoker.tenant(), kr.getId())));
                        }),
                Subcommand.named("history").args(KEY_RESULT).help("the check-ins of a key result")
                        .handledBy(this::history),
                Subcommand.named("objective").help("create an objective (form)")
                        .role(Role.MANAGER, "create objectives")
                        .handledBy((invoker, args) -> Response.form(objectiveForm.blank(invoker.tenant()))),
                Subcommand.named("kr").args(Arg.reference("objective", Objective.KIND).optional())
                        .help("add a key result (form)").ownerOr(Role.MANAGER, "add key results")
                        .handledBy(this::newKeyResult),
                Subcommand.named("edit").args(Arg.reference("item", Objective.KIND, KeyResult.KIND))
                        .help("change an objective or key result (form)")
                        .ownerOr(Role.MANAGER, "change objectives and key results")
                        .handledBy(this::edit),
                Subcommand.named("close").args(Arg.reference("objective", Objective.KIND))
                        .help("close (archive) an objective: no more check-ins on its key results, left out of "
                              + "reports").ownerOr(Role.MANAGER, "close objectives").handledBy(this::closeObjective),
                Subcommand.named("weight").args(Arg.reference("item", Objective.KIND, KeyResult.KIND),
                                Arg.word("weight"))
                        .help("how much a key result counts in its objective, or a child objective in its parent, "
                              + "e.g. weight KR-3 2").ownerOr(Role.MANAGER, "change weights")
                        .handledBy(this::weight),
                Subcommand.named("cycle").help("show the current cycle").handledBy(this::showCycle),
                Subcommand.named("cycle").args(Arg.literal("close"), Arg.word("name"))
                        .help("close (archive) a cycle: no more check-ins, reports move on; its history stays")
                        .role(Role.ADMIN, "close OKR cycles").handledBy(this::closeCycle),
                Subcommand.named("cycle").args(Arg.word("name"), Arg.date("start").optional(),
                                Arg.date("end").optional())
                        .help("start a cycle: 2027-Q1, 2027-H2 and 2027 get their dates, other names need them")
                        .role(Role.ADMIN, "start OKR cycles").handledBy(this::startCycle),
                Subcommand.named("cadence").help("show when owners are asked to check in")
                        .handledBy((invoker, args) -> cadence(invoker, settings.get(invoker.tenant()))),
                Subcommand.named("cadence").args(EVERY)
                        .help("how often: weekly, biweekly (every other week) or monthly (the first such weekday)")
                        .role(Role.ADMIN, "change when check-ins are asked").handledBy((invoker, args) ->
                                cadence(invoker, settings.setEvery(invoker.actor(),
                                        CheckInEvery.parse(args.text(EVERY.name()))))),
                Subcommand.named("cadence").args(Arg.weekday("day"), Arg.time("time"))
                        .help("change it, e.g. friday 15:00 (in owners' own zones)")
                        .role(Role.ADMIN, "change when check-ins are asked").handledBy((invoker, args) ->
                                cadence(invoker, settings.setCadence(invoker.actor(), args.weekday("day"),
                                        args.time("time")))),
                Subcommand.named("digest").help("show when the weekly digest is posted")
                        .handledBy((invoker, args) -> digest(invoker, settings.get(invoker.tenant()))),
                Subcommand.named("digest").args(Arg.weekday("day"), Arg.time("time"))
                        .help("change it, e.g. monday 12:00").role(Role.ADMIN, "change when the digest is posted")
                        .handledBy((invoker, args) -> digest(invoker, settings.setDigest(invoker.actor(),
                                args.weekday("day"), args.time("time")))),
                Subcommand.named("zone").help("show the zone for owners without one of their own")
                        .handledBy((invoker, args) -> zone(invoker)),
                Subcommand.named("zone").args(Arg.zone("Area/City")).help("change it, e.g. Europe/Berlin")
                        .role(Role.ADMIN, "change the OKR time zone").handledBy((invoker, args) -> {
                            settings.setZone(invoker.actor(), args.zone("Area/City"));
                            return zone(invoker);
                        }),
                Subcommand.named("channel").help("show where alerts and the weekly digest go")
                        .handledBy((invoker, args) -> showChannel(invoker)),
                Subcommand.named("channel").args(Arg.literal("here"))
                        .help("post alerts and the weekly digest to this channel")
                        .role(Role.ADMIN, "choose the OKR channel").handledBy((invoker, args) -> channelHere(invoker)),
                Subcommand.named("mirror").help("post the weekly digest in this channel too (also on the other "
                                + "platform, once linked); alerts stay in the OKR channel")
                        .roleThroughLink(Role.ADMIN, MIRROR).handledBy((invoker, args) -> mirror(invoker)),
                Subcommand.named("mirror").args(Arg.literal("off")).help("stop posting the digest in a second channel")
                        .roleThroughLink(Role.ADMIN, MIRROR).handledBy((invoker, args) -> mirrorOff(invoker)));
    }

    /** Every OKR command notes the person's name and zone, for reports and their check-in week. */
    @Override
    public void before(Invoker invoker) {
        profiles.seen(invoker);
    }

    private Message mine(Invoker invoker) {
        List<KeyResult> mine = keyResults.ownedBy(invoker.user());
        Map<String, Objective> owning = mine.stream().map(KeyResult::getObjectiveId).distinct()
                .map(id -> objectives.objective(invoker.tenant(), id)).flatMap(Optional::stream)
                .collect(Collectors.toMap(Objective::getId, Function.identity()));
        return OkrCards.mine(invoker.platform(), mine, owning);
    }

    private Response report(Invoker invoker, Arguments args) {
        String team = args.text("team");
        OkrReports.Report report = reports.report(invoker.tenant(), team.isEmpty() ? null : team, clock.instant())
                .orElseThrow(() -> new UserError("There is no OKR cycle yet. Admins start one with "
                        + invoker.platform().command("okr") + " cycle 2027-Q1, or just create an objective."));
        if (report.team() != null && report.objectives().isEmpty() && !report.teams().contains(report.team())) {
            throw new UserError("No team \"" + report.team() + "\" has objectives in " + report.cycle().getName()
                    + (report.teams().isEmpty() ? "." : ". Teams: " + String.join(", ", report.teams()) + "."));
        }
        return Response.privately(OkrCards.report(invoker.platform(), report));
    }

    private Response closeObjective(Invoker invoker, Arguments args) {
        Reference ref = args.reference("objective");
        Objective objective = objectives.find(invoker.tenant(), ref).orElseThrow(() -> unknown(ref));
        objectives.close(invoker.actor(), objective);
        return Response.privately("Closed " + objective.reference() + " " + objective.getTitle() + ": its key results "
                + "are no longer asked about and it is left out of reports. What it reached still counts in "
                + "the objective it is aligned with.");
    }

    private Response closeCycle(Invoker invoker, Arguments args) {
        OkrCycle closed = cycles.closeCycle(invoker.actor(), args.text("name"));
        return Response.privately("Closed cycle " + closed.getName() + ": no more check-ins on its key results, and "
                + "reports and digests move on to the next cycle. Start it again with "
                + invoker.platform().command("okr") + " cycle " + closed.getName() + " to reopen it.");
    }

    private Response weight(Invoker invoker, Arguments args) {
        Reference ref = args.reference("item");
        int weight;
        try {
            weight = Integer.parseInt(args.text("weight"));
        } catch (NumberFormatException e) {
            throw new UserError("Give the weight as a whole number, e.g. weight " + ref + " 2.");
        }
        if (ref.is(KeyResult.KIND)) {
            KeyResult kr = keyResults.find(invoker.tenant(), ref).orElseThrow(() -> unknown(ref));
            keyResults.setWeight(invoker.actor(), kr, weight);
            return Response.privately(kr.reference() + " now counts " + weight + "× in its objective's progress.");
        }
        Objective objective = objectives.find(invoker.tenant(), ref).orElseThrow(() -> unknown(ref));
        if (objective.getParentId() == null) {
            throw new UserError(objective.reference() + " is not aligned with another objective, so its weight "
                    + "would not count anywhere. Align it first with " + invoker.platform().command("okr") + " edit "
                    + objective.reference() + ".");
        }
        objectives.setWeight(invoker.actor(), objective, weight);
        return Response.privately(objective.reference() + " now counts " + weight
                + "× in the progress of the objective it is aligned with.");
    }

    /** {@code KR-3 4.5 at risk Churn went up}: the value, then optionally the confidence and a comment. */
    private Response checkIn(Invoker invoker, Arguments args) {
        KeyResult kr = keyResult(invoker, args);
        CheckIn checkIn = checkIns.record(invoker.user(), invoker.displayName(), kr.getId(), args.text("value"),
                args.optional(CONFIDENCE.name(), Confidence.class).orElse(null), args.text("comment"),
                CheckIn.Source.COMMAND);
        return Response.privately(OkrCards.checkedIn(kr, checkIn, checkIns.alerted(kr, checkIn)));
    }

    private Response history(Invoker invoker, Arguments args) {
        KeyResult kr = keyResult(invoker, args);
        return Response.privately(OkrCards.history(kr, checkIns.history(kr, HISTORY), checkIns.count(kr)));
    }

    private Response newKeyResult(Invoker invoker, Arguments args) {
        Objective objective = args.optionalReference("objective").map(ref -> objectives.find(invoker.tenant(), ref)
                .orElseThrow(() -> unknown(ref))).orElse(null);
        if (objective != null) {
            access.requireChange(invoker.user(), objectives.stewards(objective), "add key results to it");
        }
        return Response.form(keyResultForm.blank(invoker.user(), objective));
    }

    private Response edit(Invoker invoker, Arguments args) {
        Reference ref = args.reference("item");
        if (ref.is(KeyResult.KIND)) {
            KeyResult kr = keyResults.find(invoker.tenant(), ref).orElseThrow(() -> unknown(ref));
            access.requireChange(invoker.user(), keyResults.stewards(kr), "change it");
            return Response.form(keyResultForm.forEdit(invoker.user(), kr));
        }
        Objective objective = objectives.find(invoker.tenant(), ref).orElseThrow(() -> unknown(ref));
        access.requireChange(invoker.user(), objectives.stewards(objective), "change it");
        return Response.form(objectiveForm.forEdit(objective));
    }

    private Response showCycle(Invoker invoker, Arguments args) {
        return Response.privately(cycles.currentCycle(invoker.tenant())
                .map(c -> "The current cycle is " + c.getName() + ", " + c.dates() + ".")
                .orElse("No cycle yet. Admins start one with " + invoker.platform().command("okr")
                        + " cycle 2027-Q1."));
    }

    private Response startCycle(Invoker invoker, Arguments args) {
        OkrCycle cycle = cycles.startCycle(invoker.actor(), args.text("name"), args.optionalDate("start")
                .orElse(null), args.optionalDate("end").orElse(null));
        return Response.privately("Cycle " + cycle.getName() + " runs from " + cycle.getStart() + " to "
                + cycle.getEnd() + ".");
    }

    private Response cadence(Invoker invoker, OkrSettings s) {
        return Response.privately("Key-result owners are asked to check in "
                + s.getCheckInEvery().describe(dayName(s.getCheckInDay())) + " at " + s.getCheckInTime() + " in their own time zone, with one reminder the next weekday at "
                + Cadence.REMINDER_TIME + ".");
    }

    private Response digest(Invoker invoker, OkrSettings s) {
        String where = s.getChannel() == null ? " once an admin picks a channel with "
                + invoker.platform().command("okr") + " channel here" : " to the OKR channel";
        return Response.privately("The weekly digest is posted every " + dayName(s.getDigestDay()) + " at "
                + s.getDigestTime() + " (" + s.getZone() + ")" + where + ".");
    }

    private Response zone(Invoker invoker) {
        return Response.privately("Owners without a time zone of their own are asked in "
                + settings.get(invoker.tenant()).getZone() + ". Everyone else in their own (set with "
                + invoker.platform().command("timezone") + ").");
    }

    private Response showChannel(Invoker invoker) {
        OkrSettings s = settings.get(invoker.tenant());
        String okr = invoker.platform().command("okr");
        String home = s.getChannel() != null
                ? "Alerts and the weekly digest go to the OKR channel. Run this with here in another channel "
                  + "to move them."
                : "No OKR channel yet. Run " + okr + " channel here in the "
                  + "channel that should get alerts and the weekly digest.";
        Destination.Channel mirror = s.getMirror();
        return Response.privately(mirror == null ? home : home + " The digest is also posted in a "
                + mirror.platform().displayName() + " channel" + (mirror.equals(invoker.conversation()) ? " (this one)"
                : "") + "; " + okr + " mirror off stops that.");
    }

    /**
     * Typed in a channel by an admin of the OKRs' tenant, maybe on the other platform through their linked identity:
     * the digest (not the alerts) is posted there too. The settings stay their own tenant's.
     */
    private Response mirror(Invoker invoker) {
        Destination.Channel here = ChannelHere.of(invoker, "the channel that should get the OKR digest too");
        UserRef admin = okrAdmin(invoker, s -> s.getChannel() != null);
        OkrSettings s = settings.get(admin.tenant());
        if (s.getChannel() == null) {
            throw new UserError("There is no OKR channel yet, so no digest to post here too. Run "
                    + admin.tenant().platform().command("okr") + " channel here in the channel that should get "
                    + "alerts and the weekly digest first.");
        }
        if (here.equals(s.getChannel())) {
            throw new UserError("This is already the OKR channel: the weekly digest is posted here.");
        }
        ChannelHere.announce(messenger, here, Message.of(Markup.builder().text("🎯 The weekly OKR digest will be "
                + "posted in this channel too (set by ").text(invoker.displayName()).text(").").build()));
        settings.setMirror(Actor.inChat(admin, invoker.displayName()), here);
        return Response.privately("Done: the weekly OKR digest will be posted here too, starting with the next one. "
                + "Alerts stay in the OKR channel.");
    }

    private Response mirrorOff(Invoker invoker) {
        UserRef admin = okrAdmin(invoker, s -> s.getMirror() != null);
        if (settings.get(admin.tenant()).getMirror() == null) {
            return Response.privately("The OKR digest is not posted in a second channel.");
        }
        settings.setMirror(Actor.inChat(admin, invoker.displayName()), null);
        return Response.privately("Done: the weekly OKR digest is posted in the OKR channel only.");
    }

    /**
     * The person as an admin of the OKRs a mirror command acts on: their linked identity on the other platform, or
     * themselves, preferring the tenant {@code fits}; refused when neither is an admin.
     */
    private UserRef okrAdmin(Invoker invoker, Predicate<OkrSettings> fits) {
        List<UserRef> admins = new ArrayList<>();
        identities.partner(invoker.user()).ifPresent(admins::add);
        admins.add(invoker.user());
        admins.removeIf(u -> !access.has(u, Role.ADMIN));
        if (admins.isEmpty()) {
            throw new UserError("Only an admin of the OKRs' " + invoker.platform().tenantNoun() + ", or their "
                    + "linked identity on the other platform, can " + MIRROR + ". Admins on the other platform "
                    + "link first with " + invoker.platform().command("opsbot") + " link.");
        }
        return admins.stream().filter(u -> fits.test(settings.get(u.tenant()))).findFirst().orElse(admins.get(0));
    }

    private Response channelHere(Invoker invoker) {
        Destination.Channel channel = ChannelHere.of(invoker, "the channel that should get OKR alerts and the digest");
        // Nothing is stored until the bot has shown it can post here.
        ChannelHere.announce(messenger, channel, Message.of(Markup.builder().text("🎯 OKR alerts and the weekly "
                + "digest will be posted in this channel (set by ").text(invoker.displayName()).text(").").build()));
        settings.setChannel(invoker.actor(), channel);
        return Response.privately("Done: OKR alerts and the weekly digest will be posted here.");
    }

    private KeyResult keyResult(Invoker invoker, Arguments args) {
        Reference ref = args.reference(KEY_RESULT.name());
        return keyResults.find(invoker.tenant(), ref).orElseThrow(() -> unknown(ref));
    }

    private static UserError unknown(Reference reference) {
        return new UserError("There is no " + reference + " here. See your key results with okr mine, or "
                + "everyone's with okr report.");
    }

    private static String dayName(DayOfWeek day) {
        String name = day.name().toLowerCase(Locale.ROOT);
        return Character.toUpperCase(name.charAt(0)) + name.substring(1);
    }
}
