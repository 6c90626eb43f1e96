package io.opsbot.core.standup;

import io.opsbot.core.conversation.Command;
import io.opsbot.core.conversation.CommandRequest;
import io.opsbot.core.conversation.Invoker;
import io.opsbot.core.conversation.Response;
import io.opsbot.core.conversation.Usage;
import io.opsbot.core.conversation.UserError;
import io.opsbot.core.message.Markup;
import io.opsbot.core.message.Message;
import io.opsbot.core.people.ProfileService;
import io.opsbot.core.settings.TenantSettingsService;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/** {@code /standup} (Slack) and {@code standup} (Teams): set up, list, pause, skip and run async standups. */
@Component
public class StandupCommand implements Command {

    private final StandupService service;
    private final StandupRepository standups;
    private final StandupNudges scheduler;
    private final StandupForm form;
    private final StandupAnswerForm answerForm;
    private final TenantSettingsService settings;
    private final ProfileService profiles;
    private final Clock clock;

    public StandupCommand(StandupService service, StandupRepository standups, StandupNudges scheduler,
                          StandupForm form, StandupAnswerForm answerForm, TenantSettingsService settings,
                          ProfileService profiles, Clock clock) {
        this.service = service;
        this.standups = standups;
        this.scheduler = scheduler;
        this.form = form;
        this.answerForm = answerForm;
        this.settings = settings;
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
    public List<Usage> usages() {
        return List.of(
                new Usage("", "set up a new standup (admins)"),
                new Usage("list", "the standups here and when they run"),
                new Usage("edit <name>", "change a standup (admins)"),
                new Usage("pause <name> / resume <name>", "stop or restart a standup (admins)"),
                new Usage("skip [name]", "I skip today"),
                new Usage("answer [name]", "answer (or edit) today's standup in a form"),
                new Usage("holiday <name> add|remove <YYYY-MM-DD>", "a day off for this standup (admins)"),
                new Usage("run <name>", "ask everyone now (admins)"),
                new Usage("delete <name>", "remove a standup (admins)"));
    }

    @Override
    public Response handle(CommandRequest request) {
        Invoker invoker = request.invoker();
        String rest = request.rest();
        switch (request.subcommand()) {
            case "":
                settings.requireAdmin(invoker.user());
                return Response.form(form.blank(suggestedZone(invoker)));
            case "list":
                return Response.privately(list(invoker));
            case "edit":
                settings.requireAdmin(invoker.user());
                return Response.form(form.editing(service.byName(invoker.tenant(), rest)));
            case "pause":
            case "resume":
                return pauseOrResume(invoker, rest, request.subcommand().equals("pause"));
            case "skip":
                return Response.privately(skip(invoker, rest));
            case "answer":
                return answer(invoker, rest);
            case "holiday":
                return holiday(invoker, rest);
            case "run":
                settings.requireAdmin(invoker.user());
                Standup toRun = service.byName(invoker.tenant(), rest);
                int asked = scheduler.runNow(toRun);
                return Response.privately("Asked " + asked + " participant(s) of " + toRun.getName() + " now.");
            case "delete":
                settings.requireAdmin(invoker.user());
                Standup gone = service.byName(invoker.tenant(), rest);
                scheduler.unschedule(gone);
                standups.delete(gone);
                return Response.privately(gone.getName() + " is deleted.");
            default:
                throw new UserError("I don't know \"standup " + request.subcommand() + "\". Try "
                        + invoker.platform().command("standup") + " help.");
        }
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

    private Response pauseOrResume(Invoker invoker, String name, boolean pause) {
        settings.requireAdmin(invoker.user());
        Standup standup = service.byName(invoker.tenant(), name);
        standup.setPaused(pause);
        standup.setUpdatedAt(clock.instant());
        standups.save(standup);
        if (pause) {
            scheduler.unschedule(standup);
        } else {
            scheduler.schedule(standup, false);
        }
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

    private Response answer(Invoker invoker, String name) {
        Standup standup = service.byName(invoker.tenant(), name);
        ZoneId zone = standup.getZoneMode() == ZoneMode.PARTICIPANT
                ? profiles.zone(invoker.user(), standup.zone()) : standup.zone();
        LocalDate today = clock.instant().atZone(zone).toLocalDate();
        StandupRun run = service.run(StandupRun.id(standup.getId(), today))
                .orElseThrow(() -> new UserError(standup.getName() + " has not asked anyone yet today."));
        return Response.form(answerForm.form(run, invoker.user()));
    }

    private Response holiday(Invoker invoker, String rest) {
        settings.requireAdmin(invoker.user());
        String[] parts = rest.split("\\s+");
        if (parts.length < 3 || !(parts[parts.length - 2].equalsIgnoreCase("add")
                || parts[parts.length - 2].equalsIgnoreCase("remove"))) {
            throw new UserError("Try: standup holiday <name> add 2026-12-24");
        }
        String name = String.join(" ", java.util.Arrays.copyOf(parts, parts.length - 2));
        LocalDate date;
        try {
            date = LocalDate.parse(parts[parts.length - 1]);
        } catch (DateTimeParseException e) {
            throw new UserError("Dates are YYYY-MM-DD, e.g. 2026-12-24.");
        }
        Standup standup = service.byName(invoker.tenant(), name);
        List<LocalDate> days = new ArrayList<>(standup.getHolidays());
        if (parts[parts.length - 2].equalsIgnoreCase("add")) {
            if (!days.contains(date)) {
                days.add(date);
            }
        } else {
            days.remove(date);
        }
        days.sort(null);
        standup.setHolidays(days);
        standups.save(standup);
        return Response.privately(standup.getName() + " holidays: " + (days.isEmpty() ? "none"
                : String.join(", ", days.stream().map(LocalDate::toString).toList())) + ".");
    }
}
