package io.opsbot.core.okr;

import io.opsbot.core.availability.AvailabilityService;
import io.opsbot.core.blocker.Blockers;
import io.opsbot.core.claim.Claims;
import io.opsbot.core.delivery.Outbox;
import io.opsbot.core.dialog.DialogService;
import io.opsbot.core.gateway.Destination;
import io.opsbot.core.identity.IdentityLinks;
import io.opsbot.core.link.DashboardLinks;
import io.opsbot.core.message.Message;
import io.opsbot.core.people.NudgePreferences;
import io.opsbot.core.schedule.Nudge;
import io.opsbot.core.schedule.NudgeHandler;
import io.opsbot.core.schedule.NudgeScheduler;
import io.opsbot.core.tenant.Platform;
import io.opsbot.core.tenant.TenantRef;
import io.opsbot.core.tenant.UserRef;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The OKR rhythm on nudges, one per key-result owner (at the tenant's weekday and time in the owner's
 * zone) and one per tenant for the digest:
 * <ul>
 *   <li>{@code okr.prompt}: each due key result gets a DM prompt (outbox key: key result, week, owner) and a
 *       question-by-question dialog (dialog key: the same triple); owners out of office or on holiday are skipped;
 *       the owner's next prompt and this week's reminder are scheduled.</li>
 *   <li>{@code okr.reminder}: one DM (key: week, owner) listing what is still not checked in.</li>
 *   <li>{@code okr.digest}: the weekly digest in the OKR channel (key: tenant, date) and in its mirror channel
 *       if any (the key and {@code :mirror}, then the part).</li>
 * </ul>
 * Firing twice sends nothing twice: every message is claimed by its key. MongoDB stays the source of truth, so
 * {@link #rebuild()} recreates every trigger at start-up and catches up on a prompt or digest missed while down.
 */
@Component
public class OkrNudges implements NudgeHandler {

    public static final String PROMPT = "okr.prompt";
    public static final String REMINDER = "okr.reminder";
    public static final String DIGEST = "okr.digest";
    /** Added to the digest key for what is posted in the mirror channel. */
    static final String MIRROR = ":mirror";
    /** The ritual's name in each person's nudge preferences. */
    public static final String RITUAL = "okr";
    /** A digest or reminder missed while the bot was down is still sent this long after its time. */
    static final Duration CATCH_UP = Duration.ofHours(12);

    private static final Logger log = LoggerFactory.getLogger(OkrNudges.class);

    private final NudgeScheduler nudges;
    private final KeyResultService keyResults;
    private final ObjectiveService objectives;
    private final OkrSettingsService settings;
    private final OkrReports reports;
    private final AvailabilityService availability;
    private final DialogService dialogs;
    private final Outbox outbox;
    private final DashboardLinks links;
    private final NudgePreferences preferences;
    private final Claims claims;
    private final Blockers blockers;
    private final IdentityLinks identities;
    private final Clock clock;

    public OkrNudges(NudgeScheduler nudges, KeyResultService keyResults, ObjectiveService objectives,
                     OkrSettingsService settings, OkrReports reports, AvailabilityService availability,
                     DialogService dialogs, Outbox outbox, DashboardLinks links, NudgePreferences preferences,
                     Claims claims, Blockers blockers, IdentityLinks identities, Clock clock) {
        this.blockers = blockers;
        this.identities = identities;
        this.preferences = preferences;
        this.claims = claims;
        this.nudges = nudges;
        this.keyResults = keyResults;
        this.objectives = objectives;
        this.settings = settings;
        this.reports = reports;
        this.availability = availability;
        this.dialogs = dialogs;
        this.outbox = outbox;
        this.links = links;
        this.clock = clock;
    }

    @Override
    public Set<String> kinds() {
        return Set.of(PROMPT, REMINDER, DIGEST);
    }

    @Override
    public void fire(Nudge nudge) {
        TenantRef tenant = tenant(nudge.subject());
        switch (nudge.kind()) {
            case PROMPT -> prompt(new UserRef(tenant, nudge.group()), nudge.at());
            case REMINDER -> remind(new UserRef(tenant, nudge.group()), nudge.at());
            case DIGEST -> digest(tenant, nudge.at());
            default -> log.warn("Unknown OKR nudge {}", nudge);
        }
    }

    /** Recreates every trigger of a tenant after owners, cadence, zone, channel or digest time changed. */
    @EventListener
    public void onChanged(OkrScheduleChanged changed) {
        reschedule(changed.tenant(), false);
    }

    @Override
    public void rebuild() {
        Set<TenantRef> tenants = new LinkedHashSet<>(keyResults.tenantsWithKeyResults());
        settings.all().forEach(s -> tenants.add(s.getTenant()));
        for (TenantRef tenant : tenants) {
            try {
                reschedule(tenant, true);
            } catch (RuntimeException e) {
                log.error("Could not rebuild the OKR schedule of {}", tenant, e);
            }
        }
    }

    private void reschedule(TenantRef tenant, boolean catchUp) {
        Instant now = clock.instant();
        List<Nudge> wanted = new ArrayList<>();
        List<Nudge> reminders = new ArrayList<>();
        OkrSettings s = settings.get(tenant);
        settings.cadencesFor(s, keyResults.owners(tenant)).forEach((owner, cadence) -> {
            if (catchUp) {
                Optional<Instant> latest = cadence.latestPrompt(now);
                if (latest.isPresent() && now.isBefore(cadence.reminder(latest.get()))) {
                    wanted.add(nudge(PROMPT, owner, latest.get()));
                } else if (latest.isPresent() && now.isBefore(cadence.reminder(latest.get()).plus(CATCH_UP))) {
                    reminders.add(nudge(REMINDER, owner, cadence.reminder(latest.get())));
                }
            }
            wanted.add(nudge(PROMPT, owner, cadence.nextPrompt(now)));
        });
        if (s.getChannel() != null) {
            if (catchUp) {
                s.digest().latest(now, s.zoneId()).filter(at -> now.isBefore(at.plus(CATCH_UP)))
                        .ifPresent(at -> wanted.add(new Nudge(DIGEST, tenant.key(), "", at)));
            }
            wanted.add(new Nudge(DIGEST, tenant.key(), "", s.digest().next(now, s.zoneId())));
        }
        // Cancels what no longer fits (an owner gone, a cadence moved) and adds what is new, in a few writes.
        nudges.replace(Set.of(PROMPT, DIGEST), Set.of(tenant.key()), wanted);
        nudges.scheduleAll(reminders);
    }

    private void prompt(UserRef owner, Instant at) {
        Instant now = clock.instant();
        Cadence cadence = settings.cadenceFor(owner);
        LocalDate week = cadence.period(at);
        List<KeyResult> due = keyResults.dueForCheckIn(owner, week);
        if (!keyResults.ownedBy(owner).isEmpty()) {
            schedule(PROMPT, owner, cadence.nextPrompt(now.isAfter(at) ? now : at));
        }
        if (due.isEmpty() || pausedAfterIgnoring(owner, cadence, at)) {
            return;
        }
        if (!availability.on(owner, week, List.of()).available()) {
            log.info("Not prompting {} for the OKR check-in of {}: away", owner, week);
            return;
        }
        Instant expires = cadence.nextPrompt(at);
        Instant windowStart = Cadence.windowStart(at);
        // An owner who linked the other platform and chose it is asked there; the keys stay the owner's.
        UserRef reach = identities.reachAt(owner);
        List<KeyResult> asked = new ArrayList<>();
        for (KeyResult kr : due) {
            if (kr.getLastCheckInAt() != null && !kr.getLastCheckInAt().isBefore(windowStart)) {
                continue;
            }
            Objective objective = objectives.objective(owner.tenant(), kr.getObjectiveId()).orElse(null);
            // Sent in order on this thread, so every prompt card is there before the first question.
            outbox.sendNow(promptKey(kr, week, owner), new Destination.Direct(reach),
                    OkrCards.prompt(kr, objective, cadence.every(),
                            blockers.openOn(owner.tenant(), kr.getId())), expires);
            asked.add(kr);
        }
        for (KeyResult kr : asked) {
            dialogs.start(CheckInDialog.key(kr, week, owner), reach, CheckInDialog.KIND, kr.getId(),
                    CheckInDialog.questions(kr), expires);
        }
        if (!asked.isEmpty()) {
            schedule(REMINDER, owner, cadence.reminder(at));
        }
    }

    private void remind(UserRef owner, Instant at) {
        Cadence cadence = settings.cadenceFor(owner);
        Optional<Instant> prompt = cadence.latestPrompt(at);
        if (prompt.isEmpty()) {
            return;
        }
        LocalDate week = cadence.period(prompt.get());
        if (preferences.of(owner, RITUAL).remindersOff()
                || !availability.on(owner, at.atZone(cadence.zone()).toLocalDate(), List.of()).available()) {
            return;
        }
        Instant windowStart = Cadence.windowStart(prompt.get());
        List<KeyResult> missing = keyResults.dueForCheckIn(owner, week).stream()
                .filter(kr -> outbox.find(promptKey(kr, week, owner)).isPresent())
                .filter(kr -> kr.getLastCheckInAt() == null || kr.getLastCheckInAt().isBefore(windowStart))
                .toList();
        if (!missing.isEmpty()) {
            outbox.enqueue("okr-reminder:" + week + ":" + owner.key(),
                    new Destination.Direct(identities.reachAt(owner)),
                    OkrCards.reminder(missing, cadence.every()), cadence.nextPrompt(prompt.get()));
        }
    }

    private void digest(TenantRef tenant, Instant at) {
        OkrSettings s = settings.get(tenant);
        Instant now = clock.instant();
        if (s.getChannel() == null) {
            return;
        }
        nudges.schedule(new Nudge(DIGEST, tenant.key(), "", s.digest().next(now.isAfter(at) ? now : at,
                s.zoneId())));
        ZoneId zone = s.zoneId();
        Optional<OkrReports.Report> report = reports.report(tenant, null, at);
        // Before anyone was asked to check in there is nothing to digest.
        boolean anyAsked = report.stream().flatMap(r -> r.objectives().stream())
                .flatMap(o -> o.keyResults().stream()).anyMatch(k -> k.week() != KeyResultStatus.Week.NOT_DUE);
        if (anyAsked) {
            // A long digest comes in parts, sent in order on this thread, each claimed under its own key; the last
            // one links to the dashboard.
            String key = "okr-digest:" + tenant.key() + ":" + at.atZone(zone).toLocalDate();
            List<Message> parts = OkrCards.digest(report.get());
            // The OKR channel's parts first: a mirror the bot can no longer post in does not hold them up.
            send(key, s.getChannel(), parts, at);
            if (s.getMirror() != null) {
                send(key + MIRROR, s.getMirror(), parts, at);
            }
        }
    }

    /** A digest's parts in order, the first under {@code key}, the others under {@code key:2}, {@code key:3}... */
    private void send(String key, Destination.Channel channel, List<Message> parts, Instant at) {
        for (int i = 0; i < parts.size(); i++) {
            Message part = i == parts.size() - 1 ? links.append(parts.get(i), "/okrs") : parts.get(i);
            outbox.sendNow(i == 0 ? key : key + ":" + (i + 1), channel, part, at.plus(Duration.ofDays(1)));
        }
    }

    /**
     * Whether the owner is paused now: counting, at each prompt, the period before it as ignored when they were asked
     * then and checked in on none of it (counted once, whoever fires first). The prompt that pauses them tells them
     * so, once, with a button to be asked again.
     */
    private boolean pausedAfterIgnoring(UserRef owner, Cadence cadence, Instant at) {
        if (preferences.of(owner, RITUAL).paused()) {
            return true;
        }
        Optional<Instant> previous = cadence.latestPrompt(at.minusSeconds(1));
        if (previous.isEmpty()) {
            return false;
        }
        LocalDate period = cadence.period(previous.get());
        Instant windowStart = Cadence.windowStart(previous.get());
        List<KeyResult> asked = keyResults.ownedBy(owner).stream()
                .filter(kr -> outbox.find(promptKey(kr, period, owner)).isPresent()).toList();
        boolean ignored = !asked.isEmpty() && asked.stream().noneMatch(kr -> kr.getLastCheckInAt() != null
                && !kr.getLastCheckInAt().isBefore(windowStart));
        String key = "okr-ignored:" + period + ":" + owner.key();
        if (ignored && claims.claim(key, Duration.ofDays(120)) && preferences.ignored(owner, RITUAL)) {
            outbox.enqueue("okr-paused:" + period + ":" + owner.key(),
                    new Destination.Direct(identities.reachAt(owner)),
                    OkrCards.pausedForIgnoring(preferences.of(owner, RITUAL), settings.get(owner.tenant())
                            .getCheckInEvery().period()), null);
            return true;
        }
        return false;
    }

    static String promptKey(KeyResult kr, LocalDate week, UserRef owner) {
        return "okr-prompt:" + kr.getId() + ":" + week + ":" + owner.key();
    }

    private void schedule(String kind, UserRef owner, Instant at) {
        nudges.schedule(nudge(kind, owner, at));
    }

    private static Nudge nudge(String kind, UserRef owner, Instant at) {
        return new Nudge(kind, owner.tenant().key(), owner.userId(), at);
    }

    /** The tenant of a nudge subject, {@code SLACK:T0001}. */
    static TenantRef tenant(String key) {
        int colon = key.indexOf(':');
        return new TenantRef(Platform.valueOf(key.substring(0, colon)), key.substring(colon + 1));
    }
}
