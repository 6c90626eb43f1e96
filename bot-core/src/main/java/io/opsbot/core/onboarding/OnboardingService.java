package io.opsbot.core.onboarding;

import io.opsbot.core.access.AccessPolicy;
import io.opsbot.core.access.Stewards;
import io.opsbot.core.audit.Actor;
import io.opsbot.core.audit.AuditLog;
import io.opsbot.core.availability.AvailabilityService;
import io.opsbot.core.conversation.UserError;
import io.opsbot.core.delivery.Outbox;
import io.opsbot.core.gateway.Destination;
import io.opsbot.core.identity.IdentityLinks;
import io.opsbot.core.people.MemberJoined;
import io.opsbot.core.people.MemberJoinedListener;
import io.opsbot.core.people.ProfileService;
import io.opsbot.core.schedule.Nudge;
import io.opsbot.core.schedule.NudgeScheduler;
import io.opsbot.core.tenant.TenantRef;
import io.opsbot.core.tenant.UserRef;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Service;

import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Walks people through tracks. A run starts once per (person, track); its day-1 steps arrive at once and later ones on
 * their day at the configured local time, moved past weekends, company holidays and the person's time off. Every card
 * and reminder goes through the {@link Outbox} under a key per (run, step), so however often {@link #advance} runs (a
 * nudge firing twice, a restart catching up) nothing is sent twice.
 */
@Service
public class OnboardingService implements MemberJoinedListener {

    static final String NUDGE = "onboarding";
    static final Duration START_GRACE = Duration.ofSeconds(30);
    private static final Logger log = LoggerFactory.getLogger(OnboardingService.class);

    private final OnboardingRunRepository runs;
    private final MongoTemplate mongo;
    private final TrackCatalog catalog;
    private final OnboardingSettings settings;
    private final OnboardingProperties properties;
    private final Outbox outbox;
    private final NudgeScheduler nudges;
    private final AvailabilityService availability;
    private final ProfileService profiles;
    private final AccessPolicy access;
    private final AuditLog audit;
    private final IdentityLinks identities;
    private final Clock clock;

    public OnboardingService(OnboardingRunRepository runs, MongoTemplate mongo, TrackCatalog catalog,
                             OnboardingSettings settings, OnboardingProperties properties, Outbox outbox,
                             NudgeScheduler nudges, AvailabilityService availability, ProfileService profiles,
                             AccessPolicy access, AuditLog audit, IdentityLinks identities,
                             Clock clock) {
        this.identities = identities;
        this.access = access;
        this.audit = audit;
        this.runs = runs;
        this.mongo = mongo;
        this.catalog = catalog;
        this.settings = settings;
        this.properties = properties;
        this.outbox = outbox;
        this.nudges = nudges;
        this.availability = availability;
        this.profiles = profiles;
        this.clock = clock;
    }

    /** The outcome of a start: the run, and whether it was new (false: the person was already on that track). */
    public record Started(OnboardingRun run, boolean created) {
    }

    static String cardKey(String runId, int step) {
        return runId + ":step:" + step;
    }

    static String overdueKey(String runId, int step) {
        return runId + ":step:" + step + ":overdue";
    }

    static String finishedKey(String runId, UserRef told) {
        return runId + ":finished:" + told.key();
    }

    /**
     * Starts a person on a track (once). {@code startedBy} is who started it by hand (told when it is finished), null
     * when it started on a join; {@code zoneHint} the zone the platform reported, if any.
     */
    public Started start(UserRef user, String displayName, String trackKey, UserRef startedBy, ZoneId zoneHint) {
        return start(user, displayName, trackKey, startedBy, zoneHint, HireContacts.NONE);
    }

    /** As {@link #start}, with the hire's buddy and manager (told of overdue steps and of the finish). */
    public Started start(UserRef user, String displayName, String trackKey, UserRef startedBy, ZoneId zoneHint,
                         HireContacts contacts) {
        OnboardingTrack track = catalog.require(user.tenant(), trackKey);
        contacts.requireIn(user);
        // A zone the person chose wins; then the one the join reported (fresh from the platform); then the profile's.
        ZoneId zone = profiles.chosenZone(user).orElseGet(() -> zoneHint != null ? zoneHint
                : profiles.zone(user, properties.defaultZone()));
        List<UserRef> notify = new ArrayList<>(track.notifyIn(user.tenant()));
        if (startedBy != null && !startedBy.equals(user) && !notify.contains(startedBy)) {
            notify.add(startedBy);
        }
        String name = displayName != null && !displayName.isBlank() ? displayName : profiles.displayName(user);
        OnboardingRun run = new OnboardingRun(user, name, track, zone, clock.instant(), startedBy, notify,
                contacts.buddy(), contacts.manager());
        // Should this die before the first step is stored, the run's nudge advances it on whichever instance is up;
        // advancing replaces it with the next wake-up.
        nudges.schedule(new Nudge(NUDGE, run.getId(), "", clock.instant().plus(START_GRACE)));
        try {
            runs.insert(run);
        } catch (DuplicateKeyException e) {
            return new Started(find(run.getId()).orElseThrow(), false);
        }
        log.info("Onboarding {} on track {}", user, track.key());
        advance(run.getId());
        return new Started(find(run.getId()).orElseThrow(), true);
    }

    /** Someone (a manager) starts another person's track by hand: as {@link #start}, written to the audit log. */
    public Started startFor(Actor by, UserRef person, String displayName, String trackKey, HireContacts contacts) {
        Started started = start(person, displayName, trackKey, by.user(), null, contacts);
        if (started.created()) {
            audit.recordAbout(by, "onboarding.start", person, null, started.run().getTrackKey());
        }
        return started;
    }

    /**
     * Who may change someone's onboarding besides admins: the manager who started it and the people told when it is
     * finished (the track's buddy or manager), while they hold the manager role.
     */
    public Stewards stewards(OnboardingRun run) {
        Set<UserRef> managers = new LinkedHashSet<>(run.getNotify());
        if (run.getStartedBy() != null) {
            managers.add(run.getStartedBy());
        }
        if (run.getManager() != null) {
            managers.add(run.getManager());
        }
        return Stewards.managedBy("the onboarding of " + run.getUserName(), managers);
    }

    /** Stops someone's run, if the person may ({@link #stewards}); false when it was not running. */
    public boolean stop(Actor by, OnboardingRun run) {
        access.requireChange(by.user(), stewards(run), "stop it");
        boolean stopped = stop(run.getId());
        if (stopped) {
            audit.recordAbout(by, "onboarding.stop", run.getUser(), run.getTrackKey(), null);
        }
        return stopped;
    }

    /**
     * Sets a hire's buddy and/or manager (a null one stays as it was), if the person may ({@link #stewards}); the new
     * ones are told from then on. Returns the run as it is now.
     */
    public OnboardingRun changeContacts(Actor by, OnboardingRun run, HireContacts contacts) {
        access.requireChange(by.user(), stewards(run), "change the buddy or manager");
        contacts.requireIn(run.getUser());
        Update update = new Update();
        if (contacts.buddy() != null) {
            update.set("buddy", contacts.buddy());
        }
        if (contacts.manager() != null) {
            update.set("manager", contacts.manager());
        }
        if (update.getUpdateObject().isEmpty()) {
            return run;
        }
        mongo.updateFirst(Query.query(Criteria.where("_id").is(run.getId())), update, OnboardingRun.class);
        audit.recordAbout(by, "onboarding.contacts", run.getUser(), HireContacts.describe(run.getBuddy(),
                run.getManager()), HireContacts.describe(contacts.buddy() != null ? contacts.buddy() : run.getBuddy(),
                contacts.manager() != null ? contacts.manager() : run.getManager()));
        return find(run.getId()).orElseThrow();
    }

    /** Whether this is the tenant's onboarding channel, whose new members are onboarded. */
    @Override
    public boolean watches(Destination.Channel channel) {
        return settings.joinChannel(channel.tenant()).map(c -> c.channelId().equals(channel.channelId()))
                .orElse(false);
    }

    /** A person joined: start the tenant's automatic track, if it has one (channel joins only count in its channel). */
    @Override
    public void onMemberJoined(MemberJoined joined) {
        TenantRef tenant = joined.user().tenant();
        if (joined.scope() == MemberJoined.Scope.CHANNEL && !watches(joined.channel())) {
            return;
        }
        Optional<String> key = settings.autoTrack(tenant);
        if (key.isEmpty()) {
            return;
        }
        if (catalog.find(tenant, key.get()).isEmpty()) {
            log.warn("Automatic onboarding track {} does not exist in {}", key.get(), tenant);
            return;
        }
        start(joined.user(), joined.displayName(), key.get(), null, joined.zone());
    }

    public Optional<OnboardingRun> find(String runId) {
        return runs.findById(runId);
    }

    /**
     * Brings a run up to now: sends the steps that have arrived (one card, on the first of them), reminds overdue
     * steps once, finishes the run when everything is complete, and sets the next wake-up.
     */
    public void advance(String runId) {
        OnboardingRun run = find(runId).orElse(null);
        if (run == null || run.getStatus() != OnboardingRun.Status.ACTIVE) {
            nudges.cancel(NUDGE, runId);
            return;
        }
        Instant now = clock.instant();
        List<Integer> arriving = new ArrayList<>();
        for (int i = 0; i < run.size(); i++) {
            if (!run.released(i) && !releaseAt(run, i).isAfter(now)) {
                arriving.add(i);
            }
        }
        if (!arriving.isEmpty()) {
            int first = arriving.get(0);
            Update release = new Update();
            arriving.forEach(i -> release.set("states." + i + ".releasedAt", now));
            OnboardingRun updated = mongo.findAndModify(Query.query(Criteria.where("_id").is(runId)
                            .and("states." + first + ".releasedAt").is(null)), release,
                    FindAndModifyOptions.options().returnNew(true), OnboardingRun.class);
            run = updated != null ? updated : find(runId).orElseThrow();
            outbox.enqueue(cardKey(runId, first), new Destination.Direct(identities.reachAt(run.getUser())),
                    OnboardingCards.step(run, first, nextArrival(run)), null);
        }
        for (int i = 0; i < run.size(); i++) {
            if (overdueCandidate(run, i) && !overdueAt(run, i).isAfter(now)) {
                OnboardingRun reminded = mongo.findAndModify(Query.query(Criteria.where("_id").is(runId)
                                .and("states." + i + ".remindedAt").is(null)),
                        new Update().set("states." + i + ".remindedAt", now),
                        FindAndModifyOptions.options().returnNew(true), OnboardingRun.class);
                run = reminded != null ? reminded : find(runId).orElseThrow();
                outbox.enqueue(overdueKey(runId, i), new Destination.Direct(identities.reachAt(run.getUser())),
                        OnboardingCards.overdue(run, i), null);
                for (UserRef told : run.toldWhenOverdue()) {
                    outbox.enqueue(overdueKey(runId, i) + ":" + told.key(), new Destination.Direct(told),
                            OnboardingCards.overdueNotice(run, i), null);
                }
            }
        }
        if (run.allComplete()) {
            finish(run);
            return;
        }
        scheduleNext(run);
    }

    /** Ticks a step, as its person; finishing the last open step finishes the run. Returns the run as it is now. */
    public OnboardingRun done(UserRef actor, String runId, int index) {
        OnboardingRun run = own(actor, runId, index);
        if (!run.released(index)) {
            throw new UserError("That step hasn't arrived yet.");
        }
        if (!run.done(index)) {
            mongo.updateFirst(Query.query(Criteria.where("_id").is(runId).and("states." + index + ".doneAt")
                    .is(null)), new Update().set("states." + index + ".doneAt", clock.instant()), OnboardingRun.class);
            run = find(runId).orElseThrow();
            if (run.getStatus() == OnboardingRun.Status.ACTIVE && run.allComplete()) {
                finish(run);
                run = find(runId).orElseThrow();
            }
        }
        return run;
    }

    /**
     * Records the hire's quiz answer on an arrived step, once: the first answer counts (a second click, or the same
     * click delivered twice, changes nothing). Returns the run as it is now.
     */
    public OnboardingRun answer(UserRef actor, String runId, int index, int choice) {
        OnboardingRun run = own(actor, runId, index);
        StepQuiz quiz = run.step(index).quiz();
        if (quiz == null || choice < 0 || choice >= quiz.choices().size()) {
            throw new UserError("That question no longer exists.");
        }
        if (!run.released(index)) {
            throw new UserError("That step hasn't arrived yet.");
        }
        if (run.answer(index).isEmpty()) {
            mongo.updateFirst(Query.query(Criteria.where("_id").is(runId).and("states." + index + ".answer")
                    .is(null)), new Update().set("states." + index + ".answer", choice), OnboardingRun.class);
            run = find(runId).orElseThrow();
        }
        return run;
    }

    /** The run, for its own person, with a step that exists. */
    public OnboardingRun own(UserRef actor, String runId, int index) {
        OnboardingRun run = find(runId).orElseThrow(() -> new UserError("That onboarding is no longer running."));
        // The hire, on this platform or (linked, asked on the other one) there.
        if (identities.in(run.getUser().tenant(), actor).filter(run.getUser()::equals).isEmpty()) {
            throw new UserError("This onboarding card belongs to " + run.getUserName() + ".");
        }
        if (index < 0 || index >= run.size()) {
            throw new UserError("That step no longer exists.");
        }
        return run;
    }

    /** Stops a run; nothing more is sent for it. No check and no audit entry: people stop runs through the other. */
    public boolean stop(String runId) {
        boolean stopped = mongo.updateFirst(Query.query(Criteria.where("_id").is(runId)
                        .and("status").is(OnboardingRun.Status.ACTIVE)),
                new Update().set("status", OnboardingRun.Status.STOPPED), OnboardingRun.class).getModifiedCount() > 0;
        nudges.cancel(NUDGE, runId);
        return stopped;
    }

    public List<OnboardingRun> runsOf(UserRef user) {
        return runs.findByUserAndStatusInOrderByStartedAtDesc(user,
                List.of(OnboardingRun.Status.ACTIVE, OnboardingRun.Status.FINISHED));
    }

    public List<OnboardingRun> active(TenantRef tenant) {
        return runs.findByTenantAndStatusOrderByStartedAt(tenant, OnboardingRun.Status.ACTIVE);
    }

    /** Runs whose finish this person is told of (the track's people, whoever started it), still going. */
    public List<OnboardingRun> following(UserRef user) {
        return runs.findByNotifyAndStatusOrderByStartedAt(user, OnboardingRun.Status.ACTIVE);
    }

    /** How the bot names someone (their profile's display name). */
    String nameOf(UserRef user) {
        return profiles.displayName(user);
    }

    /** The hires this person is the manager of, running or finished, oldest start first. */
    public List<OnboardingRun> hiresOf(UserRef manager) {
        return runs.findByManagerAndStatusInOrderByStartedAt(manager,
                List.of(OnboardingRun.Status.ACTIVE, OnboardingRun.Status.FINISHED));
    }

    /** The hires this person is the buddy of, still going. */
    public List<OnboardingRun> buddiesOf(UserRef buddy) {
        return runs.findByBuddyAndStatusOrderByStartedAt(buddy, OnboardingRun.Status.ACTIVE);
    }

    List<OnboardingRun> allActive() {
        return runs.findByStatus(OnboardingRun.Status.ACTIVE);
    }

    /** Open steps that needed acknowledgement and are past due, with the day they became overdue. */
    public List<Overdue> overdue(OnboardingRun run) {
        List<Overdue> late = new ArrayList<>();
        Instant now = clock.instant();
        for (int i = 0; i < run.size(); i++) {
            if (run.released(i) && run.step(i).requiresAck() && !run.done(i)) {
                Instant due = overdueAt(run, i);
                if (!due.isAfter(now)) {
                    late.add(new Overdue(i, due.atZone(run.zone()).toLocalDate()));
                }
            }
        }
        return late;
    }

    public record Overdue(int index, LocalDate since) {
    }

    /** When the next step arrives, if one is still to come. */
    public Optional<Instant> nextArrival(OnboardingRun run) {
        Instant next = null;
        for (int i = 0; i < run.size(); i++) {
            if (!run.released(i)) {
                Instant at = releaseAt(run, i);
                if (next == null || at.isBefore(next)) {
                    next = at;
                }
            }
        }
        return Optional.ofNullable(next);
    }

    private boolean overdueCandidate(OnboardingRun run, int i) {
        OnboardingRun.StepState state = run.getStates().get(i);
        return state.releasedAt() != null && state.doneAt() == null && state.remindedAt() == null
                && run.step(i).requiresAck();
    }

    /** Day-1 steps arrive when the run starts; later ones on their day at the release time, on a day the person is in. */
    Instant releaseAt(OnboardingRun run, int index) {
        int day = run.step(index).day();
        if (day <= 1) {
            return run.getStartedAt();
        }
        return slot(run, run.getStartDate().plusDays(day - 1L));
    }

    Instant overdueAt(OnboardingRun run, int index) {
        LocalDate arrived = run.getStates().get(index).releasedAt().atZone(run.zone()).toLocalDate();
        return slot(run, arrived.plusDays(properties.overdueAfterDays()));
    }

    /** The release time on the first day from {@code date} on that is a working day the person is available. */
    private Instant slot(OnboardingRun run, LocalDate date) {
        // A zone the person sets while on the track (the timezone command) applies from the next step on.
        ZoneId zone = profiles.chosenZone(run.getUser()).orElse(run.zone());
        LocalDate day = date;
        for (int i = 0; i < 366; i++, day = day.plusDays(1)) {
            boolean weekend = day.getDayOfWeek() == DayOfWeek.SATURDAY || day.getDayOfWeek() == DayOfWeek.SUNDAY;
            if ((!properties.skipWeekends() || !weekend)
                    && availability.on(run.getUser(), day, List.of()).available()) {
                return ZonedDateTime.of(day, properties.releaseTime(), zone).toInstant();
            }
        }
        return ZonedDateTime.of(date, properties.releaseTime(), zone).toInstant();
    }

    private void scheduleNext(OnboardingRun run) {
        Instant next = nextArrival(run).orElse(null);
        for (int i = 0; i < run.size(); i++) {
            if (overdueCandidate(run, i)) {
                Instant due = overdueAt(run, i);
                if (next == null || due.isBefore(next)) {
                    next = due;
                }
            }
        }
        nudges.cancel(NUDGE, run.getId());
        if (next != null) {
            nudges.schedule(new Nudge(NUDGE, run.getId(), "", next));
        }
    }

    private void finish(OnboardingRun run) {
        OnboardingRun finished = mongo.findAndModify(Query.query(Criteria.where("_id").is(run.getId())
                        .and("status").is(OnboardingRun.Status.ACTIVE)),
                new Update().set("status", OnboardingRun.Status.FINISHED).set("finishedAt", clock.instant()),
                FindAndModifyOptions.options().returnNew(true), OnboardingRun.class);
        nudges.cancel(NUDGE, run.getId());
        OnboardingRun done = finished != null ? finished : find(run.getId()).orElse(run);
        if (done.getStatus() != OnboardingRun.Status.FINISHED) {
            return;
        }
        for (UserRef told : done.toldOnFinish()) {
            outbox.enqueue(finishedKey(done.getId(), told), new Destination.Direct(told),
                    OnboardingCards.finishedNotice(done), null);
        }
    }
}
