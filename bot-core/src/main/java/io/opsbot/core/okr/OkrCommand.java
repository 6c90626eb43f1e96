package io.opsbot.core.okr;

import io.opsbot.core.conversation.ChannelHere;
import io.opsbot.core.conversation.Command;
import io.opsbot.core.conversation.CommandRequest;
import io.opsbot.core.conversation.Invoker;
import io.opsbot.core.conversation.Response;
import io.opsbot.core.conversation.Usage;
import io.opsbot.core.conversation.UserError;
import io.opsbot.core.gateway.Destination;
import io.opsbot.core.gateway.Messenger;
import io.opsbot.core.message.Markup;
import io.opsbot.core.message.Message;
import io.opsbot.core.people.ProfileService;
import io.opsbot.core.tenant.Platform;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * {@code /okr} (Slack) and {@code okr} (Teams): your key results, team reports, check-ins and their history, and for
 * admins the objectives, key results, cycle, cadence, zone, digest and channel.
 */
@Component
public class OkrCommand implements Command {

    static final int HISTORY = 10;

    private final OkrService okrs;
    private final CheckInService checkIns;
    private final OkrReports reports;
    private final OkrSettingsService settings;
    private final ObjectiveForm objectiveForm;
    private final KeyResultForm keyResultForm;
    private final CheckInForm checkInForm;
    private final ProfileService profiles;
    private final Messenger messenger;
    private final Clock clock;

    public OkrCommand(OkrService okrs, CheckInService checkIns, OkrReports reports, OkrSettingsService settings,
                      ObjectiveForm objectiveForm, KeyResultForm keyResultForm, CheckInForm checkInForm,
                      ProfileService profiles, Messenger messenger, Clock clock) {
        this.okrs = okrs;
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
    public List<Usage> usages() {
        return List.of(
                new Usage("", "your key results with progress bars (also: mine)"),
                new Usage("report [team]", "objectives with progress, confidence and who has not checked in"),
                new Usage("checkin KR-3 [value] [on track|at risk|off track] [comment]",
                        "check in now; without a value it opens the form"),
                new Usage("history KR-3", "the check-ins of a key result"),
                new Usage("objective", "admins: create an objective (form)"),
                new Usage("kr [O-2]", "admins: add a key result (form)"),
                new Usage("edit O-2|KR-3", "admins: change an objective or key result (form)"),
                new Usage("cycle [2027-Q1 [start end]]", "show the cycle; admins start one"),
                new Usage("cadence [friday 15:00]", "show the check-in time; admins change it (owners' own zones)"),
                new Usage("digest [monday 12:00]", "show when the weekly digest is posted; admins change it"),
                new Usage("zone [Area/City]", "show the zone for owners without one; admins change it"),
                new Usage("channel here", "admins: post alerts and the weekly digest to this channel"));
    }

    @Override
    public Response handle(CommandRequest request) {
        Invoker invoker = request.invoker();
        profiles.seen(invoker);
        String rest = request.rest();
        switch (request.subcommand()) {
            case "", "mine", "list" -> {
                return Response.privately(mine(invoker));
            }
            case "report" -> {
                return report(invoker, rest);
            }
            case "checkin", "check-in" -> {
                return checkIn(invoker, rest);
            }
            case "history" -> {
                KeyResult kr = keyResult(invoker, rest);
                return Response.privately(OkrCards.history(kr, checkIns.history(kr, HISTORY), checkIns.count(kr)));
            }
            case "objective" -> {
                settings.requireAdmin(invoker.user());
                return Response.form(objectiveForm.blank(invoker.tenant()));
            }
            case "kr" -> {
                settings.requireAdmin(invoker.user());
                Objective objective = rest.isEmpty() ? null : okrs.findObjective(invoker.tenant(), rest)
                        .orElseThrow(() -> unknown(rest));
                return Response.form(keyResultForm.blank(invoker.tenant(), objective));
            }
            case "edit" -> {
                return edit(invoker, rest);
            }
            case "cycle" -> {
                return cycle(invoker, rest);
            }
            case "cadence" -> {
                return cadence(invoker, rest);
            }
            case "digest" -> {
                return digest(invoker, rest);
            }
            case "zone" -> {
                if (!rest.isEmpty()) {
                    settings.setZone(invoker.user(), rest);
                }
                return Response.privately("Owners without a time zone of their own are asked in "
                        + settings.get(invoker.tenant()).getZone() + ". Everyone else in their own (set with "
                        + invoker.platform().command("timezone") + ").");
            }
            case "channel" -> {
                return channel(invoker, rest);
            }
            default -> throw new UserError("I don't know " + invoker.platform().command("okr") + " "
                    + request.subcommand() + ". Try " + invoker.platform().command("okr") + " help.");
        }
    }

    private Message mine(Invoker invoker) {
        List<KeyResult> mine = okrs.keyResultsOwnedBy(invoker.user());
        Map<String, Objective> objectives = mine.stream().map(KeyResult::getObjectiveId).distinct()
                .map(id -> okrs.objective(invoker.tenant(), id)).flatMap(Optional::stream)
                .collect(Collectors.toMap(Objective::getId, Function.identity()));
        return OkrCards.mine(invoker.platform(), mine, objectives);
    }

    private Response report(Invoker invoker, String team) {
        OkrReports.Report report = reports.report(invoker.tenant(), team.isEmpty() ? null : team, clock.instant())
                .orElseThrow(() -> new UserError("There is no OKR cycle yet. Admins start one with "
                        + invoker.platform().command("okr") + " cycle 2027-Q1, or just create an objective."));
        if (report.team() != null && report.objectives().isEmpty() && !report.teams().contains(report.team())) {
            throw new UserError("No team \"" + report.team() + "\" has objectives in " + report.cycle().getName()
                    + (report.teams().isEmpty() ? "." : ". Teams: " + String.join(", ", report.teams()) + "."));
        }
        return Response.privately(OkrCards.report(invoker.platform(), report));
    }

    /** {@code KR-3}, or {@code KR-3 4.5 at risk Churn went up}. */
    private Response checkIn(Invoker invoker, String rest) {
        String[] words = rest.isEmpty() ? new String[0] : rest.split("\\s+");
        if (words.length == 0) {
            throw new UserError("Which key result? e.g. " + invoker.platform().command("okr") + " checkin KR-3 4.5 "
                    + "on track. Your key results: " + invoker.platform().command("okr") + " mine.");
        }
        KeyResult kr = keyResult(invoker, words[0]);
        if (words.length == 1) {
            return Response.form(checkInForm.forKeyResult(checkIns.checkable(invoker.user(), kr.getId())));
        }
        Confidence confidence = null;
        int next = 2;
        if (words.length > 3 && Confidence.parse(words[2] + " " + words[3]).isPresent()) {
            confidence = Confidence.parse(words[2] + " " + words[3]).get();
            next = 4;
        } else if (words.length > 2 && Confidence.parse(words[2]).isPresent()) {
            confidence = Confidence.parse(words[2]).get();
            next = 3;
        }
        String comment = String.join(" ", Arrays.copyOfRange(words, Math.min(next, words.length), words.length));
        CheckIn checkIn = checkIns.record(invoker.user(), invoker.displayName(), kr.getId(), words[1], confidence,
                comment, CheckIn.Source.COMMAND);
        return Response.privately(OkrCards.checkedIn(kr, checkIn, checkIns.alerted(kr, checkIn)));
    }

    private Response edit(Invoker invoker, String reference) {
        settings.requireAdmin(invoker.user());
        String ref = reference.toUpperCase(Locale.ROOT);
        if (ref.startsWith(KeyResult.PREFIX)) {
            return Response.form(keyResultForm.forEdit(keyResult(invoker, reference)));
        }
        if (ref.startsWith(Objective.PREFIX)) {
            return Response.form(objectiveForm.forEdit(okrs.findObjective(invoker.tenant(), reference)
                    .orElseThrow(() -> unknown(reference))));
        }
        throw new UserError("Edit what? e.g. " + invoker.platform().command("okr") + " edit O-2 or "
                + invoker.platform().command("okr") + " edit KR-3.");
    }

    private Response cycle(Invoker invoker, String rest) {
        if (!rest.isEmpty()) {
            String[] words = rest.split("\\s+");
            OkrCycle cycle = okrs.startCycle(invoker.user(), words[0], words.length > 1 ? words[1] : null,
                    words.length > 2 ? words[2] : null);
            return Response.privately("Cycle " + cycle.getName() + " runs from " + cycle.getStart() + " to "
                    + cycle.getEnd() + ".");
        }
        return Response.privately(okrs.currentCycle(invoker.tenant())
                .map(c -> "The current cycle is " + c.getName() + ", " + c.getStart() + " to " + c.getEnd() + ".")
                .orElse("No cycle yet. Admins start one with " + invoker.platform().command("okr")
                        + " cycle 2027-Q1."));
    }

    private Response cadence(Invoker invoker, String rest) {
        OkrSettings s = rest.isEmpty() ? settings.get(invoker.tenant()) : settings.setCadence(invoker.user(),
                day(rest, invoker.platform(), "cadence"), time(rest, invoker.platform(), "cadence"));
        return Response.privately("Key-result owners are asked to check in every " + dayName(s.getCheckInDay())
                + " at " + s.getCheckInTime() + " in their own time zone, with one reminder the next weekday at "
                + Cadence.REMINDER_TIME + ".");
    }

    private Response digest(Invoker invoker, String rest) {
        OkrSettings s = rest.isEmpty() ? settings.get(invoker.tenant()) : settings.setDigest(invoker.user(),
                day(rest, invoker.platform(), "digest"), time(rest, invoker.platform(), "digest"));
        String where = s.getChannel() == null ? " once an admin picks a channel with "
                + invoker.platform().command("okr") + " channel here" : " to the OKR channel";
        return Response.privately("The weekly digest is posted every " + dayName(s.getDigestDay()) + " at "
                + s.getDigestTime() + " (" + s.getZone() + ")" + where + ".");
    }

    private Response channel(Invoker invoker, String rest) {
        if (!rest.equalsIgnoreCase("here")) {
            return Response.privately(settings.channel(invoker.tenant()).isPresent()
                    ? "Alerts and the weekly digest go to the OKR channel. Run this with here in another channel "
                      + "to move them."
                    : "No OKR channel yet. Run " + invoker.platform().command("okr") + " channel here in the "
                      + "channel that should get alerts and the weekly digest.");
        }
        Destination.Channel channel = ChannelHere.of(invoker, "the channel that should get OKR alerts and the digest");
        // Nothing is stored (not even who became admin) until the bot has shown it can post here.
        settings.checkAdmin(invoker.user());
        ChannelHere.announce(messenger, channel, Message.of(Markup.builder().text("🎯 OKR alerts and the weekly "
                + "digest will be posted in this channel (set by ").text(invoker.displayName()).text(").").build()));
        settings.setChannel(invoker.user(), channel);
        return Response.privately("Done: OKR alerts and the weekly digest will be posted here.");
    }

    private KeyResult keyResult(Invoker invoker, String reference) {
        if (reference.isBlank()) {
            throw new UserError("Which key result? Give its number, e.g. KR-3.");
        }
        return okrs.findKeyResult(invoker.tenant(), reference.strip()).orElseThrow(() -> unknown(reference));
    }

    private static UserError unknown(String reference) {
        return new UserError("There is no " + reference.strip().toUpperCase(Locale.ROOT) + " here. See "
                + "your key results with okr mine, or everyone's with okr report.");
    }

    private static DayOfWeek day(String text, Platform platform, String sub) {
        String word = text.strip().split("\\s+")[0].toLowerCase(Locale.ROOT);
        for (DayOfWeek d : DayOfWeek.values()) {
            String name = d.name().toLowerCase(Locale.ROOT);
            if (word.length() >= 3 && name.startsWith(word)) {
                return d;
            }
        }
        throw new UserError("Give a weekday and a time, e.g. " + platform.command("okr") + " " + sub
                + " friday 15:00.");
    }

    private static LocalTime time(String text, Platform platform, String sub) {
        String[] words = text.strip().split("\\s+");
        try {
            String t = words.length > 1 ? words[1] : "";
            return LocalTime.parse(t.length() == 4 ? "0" + t : t);
        } catch (DateTimeParseException e) {
            throw new UserError("Give the time as HH:MM, e.g. " + platform.command("okr") + " " + sub
                    + " friday 15:00.");
        }
    }

    private static String dayName(DayOfWeek day) {
        String name = day.name().toLowerCase(Locale.ROOT);
        return Character.toUpperCase(name.charAt(0)) + name.substring(1);
    }
}
