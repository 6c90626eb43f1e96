package io.opsbot.core.standup;

import io.opsbot.core.availability.AvailabilityService;
import io.opsbot.core.schedule.Nudge;
import io.opsbot.core.schedule.NudgeHandler;
import io.opsbot.core.schedule.NudgeScheduler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * When standups happen. Each standup gets one nudge per time zone its people are asked in, at that zone's next
 * local occurrence; when it fires, that zone's people are asked (the day's plan stored first), a reminder and a cutoff
 * are scheduled, and the next occurrence is scheduled. {@link #rebuild()} re-creates all of it at start-up and asks
 * what was missed while the bot was down, if the answer window is still open (the attendance claims make that safe).
 */
@Component
public class StandupNudges implements NudgeHandler {

    private static final Logger log = LoggerFactory.getLogger(StandupNudges.class);

    static final String PROMPT = "standup";
    static final String REMINDER = "standup-reminder";
    static final String CUTOFF = "standup-cutoff";
    /** An admin's "run now": fired by whichever instance polls first, and again if that one dies half-way. */
    static final String RUN_NOW = "standup-run";

    private final StandupService service;
    private final StandupRepository standups;
    private final NudgeScheduler nudges;
    private final AvailabilityService availability;
    private final Clock clock;

    public StandupNudges(StandupService service, StandupRepository standups, NudgeScheduler nudges,
                            AvailabilityService availability, Clock clock) {
        this.service = service;
        this.standups = standups;
        this.nudges = nudges;
        this.availability = availability;
        this.clock = clock;
    }

    @Override
    public Set<String> kinds() {
        return Set.of(PROMPT, REMINDER, CUTOFF, RUN_NOW);
    }

    @Override
    public void rebuild() {
        List<Standup> active = standups.findByPausedFalse();
        Map<String, List<Participant>> people = service.participants(active);
        Map<String, List<StandupRun>> open = service.openRuns();
        Map<String, List<Attendance>> attendance = service.attendance(open.values().stream()
                .flatMap(List::stream).toList());
        Instant now = clock.instant();
        List<Nudge> prompts = new ArrayList<>();
        List<Nudge> followUps = new ArrayList<>();
        for (Standup standup : active) {
            prompts.addAll(prompts(standup, zones(people.get(standup.getId())), now, true));
            followUps.addAll(followUps(standup, open.getOrDefault(standup.getId(), List.of()), attendance, now));
        }
        nudges.replace(Set.of(PROMPT), active.stream().map(Standup::getId).collect(Collectors.toSet()), prompts);
        nudges.scheduleAll(followUps);
        log.info("Scheduled {} standup(s)", active.size());
    }

    /** (Re)creates a standup's triggers after a change; with {@code catchUp}, also asks what is still due. */
    public void schedule(Standup standup, boolean catchUp) {
        Instant now = clock.instant();
        nudges.replace(Set.of(PROMPT), Set.of(standup.getId()), standup.isPaused() ? List.of()
                : prompts(standup, zones(service.participants(standup)), now, catchUp));
        if (catchUp && !standup.isPaused()) {
            List<StandupRun> open = service.openRuns(standup.getId());
            nudges.scheduleAll(followUps(standup, open, service.attendance(open), now));
        }
    }

    /**
     * The standup's next question in each of its people's zones; with {@code catchUp}, the latest one instead while
     * its answer window is open. Only an occurrence this schedule was set up to ask is caught up: one from before the
     * standup was created or last changed was never due (a standup made at 00:04 does not ask for yesterday's 03:00).
     */
    private static List<Nudge> prompts(Standup standup, List<ZoneId> zones, Instant now, boolean catchUp) {
        List<Nudge> prompts = new ArrayList<>();
        for (ZoneId zone : zones) {
            Optional<Instant> latest = catchUp ? standup.schedule().latest(now, zone)
                    .filter(at -> standup.getUpdatedAt() == null || !at.isBefore(standup.getUpdatedAt()))
                    : Optional.empty();
            prompts.add(new Nudge(PROMPT, standup.getId(), zone.getId(),
                    latest.isPresent() && now.isBefore(latest.get().plus(standup.cutoff())) ? latest.get()
                            : standup.schedule().next(now, zone)));
        }
        return prompts;
    }

    public void unschedule(Standup standup) {
        nudges.cancel(PROMPT, standup.getId());
    }

    /**
     * Asks everyone now, for today, whatever the schedule says (an admin's "standup run"). Only stores the intent, as
     * one nudge per time zone due at once: the nudge poll carries it out on whichever instance is up, away from the
     * admin's request (a large standup takes longer than a chat platform waits for an answer), and carries it out
     * again after a crash. Returns how many people will be asked.
     */
    public int runNow(Standup standup) {
        Instant now = clock.instant();
        Map<ZoneId, List<Participant>> groups = byZone(service.participants(standup));
        groups.keySet().forEach(zone -> nudges.schedule(new Nudge(RUN_NOW, standup.getId(), zone.getId(), now)));
        return groups.values().stream().mapToInt(List::size).sum();
    }

    private void runNow(Nudge nudge) {
        Optional<Standup> found = service.find(nudge.subject());
        if (found.isEmpty()) {
            return;
        }
        Standup standup = found.get();
        ZoneId zone = ZoneId.of(nudge.group());
        List<Participant> people = service.participants(standup).stream().filter(p -> p.zone().equals(zone))
                .toList();
        if (people.isEmpty()) {
            return;
        }
        StandupRun run = service.ensureRun(standup, nudge.at().atZone(zone).toLocalDate());
        service.prompt(standup, run, people, nudge.at());
        scheduleFollowUps(standup, run, zone, nudge.at());
    }

    @Override
    public void fire(Nudge nudge) {
        if (nudge.kind().equals(PROMPT)) {
            prompt(nudge);
            return;
        }
        if (nudge.kind().equals(RUN_NOW)) {
            runNow(nudge);
            return;
        }
        Optional<StandupRun> run = service.run(nudge.subject());
        Optional<Standup> standup = run.flatMap(r -> service.find(r.getStandupId()));
        if (run.isEmpty() || standup.isEmpty()) {
            return;
        }
        if (nudge.kind().equals(REMINDER)) {
            service.remind(standup.get(), run.get(), nudge.group());
        } else {
            service.close(standup.get(), run.get(), nudge.group());
        }
    }

    private void prompt(Nudge nudge) {
        Optional<Standup> found = service.find(nudge.subject());
        if (found.isEmpty() || found.get().isPaused()) {
            return;
        }
        Standup standup = found.get();
        ZoneId zone = ZoneId.of(nudge.group());
        List<Participant> people = service.participants(standup).stream()
                .filter(p -> p.zone().equals(zone)).toList();
        if (people.isEmpty()) {
            // Nobody is asked in this zone any more (people moved, a channel's members changed): work out the zones
            // afresh, so the standup keeps running wherever its people are now.
            schedule(standup, false);
        } else {
            nudges.schedule(new Nudge(PROMPT, standup.getId(), zone.getId(),
                    standup.schedule().next(nudge.at(), zone)));
        }
        LocalDate date = nudge.at().atZone(zone).toLocalDate();
        boolean due = standup.schedule().at(date, zone).map(at -> at.equals(nudge.at())).orElse(false);
        boolean holiday = standup.getHolidays().contains(date)
                || availability.isTenantHoliday(standup.getTenant(), date);
        if (!due || holiday || people.isEmpty()) {
            return;
        }
        StandupRun run = service.ensureRun(standup, date);
        service.prompt(standup, run, people, nudge.at());
        scheduleFollowUps(standup, run, zone, nudge.at());
    }

    private void scheduleFollowUps(Standup standup, StandupRun run, ZoneId zone, Instant promptAt) {
        if (standup.getReminderMinutes() > 0 && standup.getReminderMinutes() < standup.getCutoffMinutes()) {
            nudges.schedule(new Nudge(REMINDER, run.getId(), zone.getId(), promptAt.plus(standup.reminderDelay())));
        }
        nudges.schedule(new Nudge(CUTOFF, run.getId(), zone.getId(), promptAt.plus(standup.cutoff())));
    }

    /** After a restart: reminders and cutoffs of days still open; ones already due fire at once. */
    private static List<Nudge> followUps(Standup standup, List<StandupRun> open,
                                         Map<String, List<Attendance>> attendance, Instant now) {
        List<Nudge> followUps = new ArrayList<>();
        for (StandupRun run : open) {
            Map<String, List<Attendance>> byZone = attendance.getOrDefault(run.getId(), List.of()).stream()
                    .filter(a -> a.getStatus() == AttendanceStatus.PROMPTED)
                    .collect(Collectors.groupingBy(Attendance::getZone));
            byZone.forEach((zone, people) -> {
                Instant promptAt = people.get(0).getPromptAt();
                Instant remindAt = promptAt.plus(standup.reminderDelay());
                if (standup.getReminderMinutes() > 0 && remindAt.isBefore(people.get(0).getCutoffAt())) {
                    followUps.add(new Nudge(REMINDER, run.getId(), zone, remindAt.isBefore(now) ? now : remindAt));
                }
                Instant cutoff = people.get(0).getCutoffAt();
                followUps.add(new Nudge(CUTOFF, run.getId(), zone, cutoff.isBefore(now) ? now : cutoff));
            });
        }
        return followUps;
    }

    private static List<ZoneId> zones(List<Participant> people) {
        return List.copyOf(byZone(people).keySet());
    }

    private static Map<ZoneId, List<Participant>> byZone(List<Participant> people) {
        return people.stream().collect(Collectors.groupingBy(Participant::zone, java.util.LinkedHashMap::new,
                Collectors.toList()));
    }
}
