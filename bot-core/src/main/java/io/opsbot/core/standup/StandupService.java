package io.opsbot.core.standup;

import io.opsbot.core.availability.Availability;
import io.opsbot.core.availability.AvailabilityService;
import io.opsbot.core.availability.AvailabilityService.Availabilities;
import io.opsbot.core.blocker.Blocker;
import io.opsbot.core.blocker.BlockerCards;
import io.opsbot.core.blocker.Blockers;
import io.opsbot.core.claim.Claims;
import io.opsbot.core.conversation.UserError;
import io.opsbot.core.delivery.Outbox;
import io.opsbot.core.dialog.Dialog;
import io.opsbot.core.dialog.DialogService;
import io.opsbot.core.link.DashboardLinks;
import io.opsbot.core.gateway.Destination;
import io.opsbot.core.identity.IdentityLinks;
import io.opsbot.core.message.Message;
import io.opsbot.core.people.NudgePreference;
import io.opsbot.core.people.NudgePreferences;
import io.opsbot.core.people.ProfileService;
import io.opsbot.core.people.Profiles;
import io.opsbot.core.storage.Lookups;
import io.opsbot.core.tenant.TenantRef;
import io.opsbot.core.tenant.UserRef;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Service;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What happens on a standup day: asking people (once each), recording answers and skips, posting each report in the
 * summary's thread and keeping the summary current. StandupNudges decides when; this decides what.
 */
@Service
public class StandupService {

    static final String DIALOG_KIND = "standup";
    /** The ritual's name in each person's nudge preferences. */
    static final String RITUAL = "standup";
    /** The run this thread is prompting, for its openings ({@link #forOpening}). */
    private static final ThreadLocal<Prompting> PROMPTING = new ThreadLocal<>();
    static final String PAUSED_REASON = "paused: did not answer several days in a row";

    private final StandupRepository standups;
    private final StandupRunRepository runs;
    private final AttendanceRepository attendances;
    private final MongoTemplate mongo;
    private final Outbox outbox;
    private final DialogService dialogs;
    private final ProfileService profiles;
    private final AvailabilityService availability;
    private final DashboardLinks dashboard;
    private final IdentityLinks links;
    private final NudgePreferences preferences;
    private final Blockers blockers;
    private final Clock clock;

    public StandupService(StandupRepository standups, StandupRunRepository runs, AttendanceRepository attendances,
                          MongoTemplate mongo, Outbox outbox, DialogService dialogs, ProfileService profiles,
                          AvailabilityService availability, DashboardLinks dashboard, IdentityLinks links,
                          NudgePreferences preferences, Blockers blockers, Clock clock) {
        this.blockers = blockers;
        this.dashboard = dashboard;
        this.links = links;
        this.preferences = preferences;
        this.standups = standups;
        this.runs = runs;
        this.attendances = attendances;
        this.mongo = mongo;
        this.outbox = outbox;
        this.dialogs = dialogs;
        this.profiles = profiles;
        this.availability = availability;
        this.clock = clock;
    }

    public Optional<Standup> find(String id) {
        return standups.findById(id);
    }

    public List<Standup> inTenant(TenantRef tenant) {
        return standups.findByTenantOrderByNameAsc(tenant);
    }

    public Standup byName(TenantRef tenant, String name) {
        return named(inTenant(tenant), name);
    }

    /**
     * The standups a person can see: their tenant's, and, through a linked identity, those of the linked tenant.
     * Nothing of a tenant reaches anyone not linked into it.
     */
    List<Standup> visibleTo(UserRef user) {
        List<Standup> all = new ArrayList<>(inTenant(user.tenant()));
        links.partner(user).ifPresent(partner -> all.addAll(inTenant(partner.tenant())));
        return all;
    }

    /**
     * The standups this person takes part in (also through a linked identity), by name. The database picks those
     * listing them or taking their people from a channel, so {@code /standup} does not read all of a workspace's
     * standups (2,000 of them took seconds); {@link #memberOf} decides.
     */
    List<Standup> joinedBy(UserRef user) {
        List<Standup> joined = new ArrayList<>();
        for (UserRef me : identities(user)) {
            mongo.find(Query.query(Criteria.where("tenant").is(me.tenant()).orOperator(
                            Criteria.where("participants").is(me), Criteria.where("membersOf").ne(null)))
                    .with(Sort.by("name")), Standup.class).stream()
                    .filter(s -> memberOf(s, user).isPresent()).forEach(joined::add);
        }
        return joined;
    }

    Standup byNameFor(UserRef user, String name) {
        return named(visibleTo(user), name);
    }

    /**
     * This person as a participant of the standup: themselves, or their linked identity in its tenant. Asked of every
     * standup in the tenant by {@code /standup}, so it reads no one's profile: the listed people first, the channel's
     * members only when the person is not listed.
     */
    Optional<UserRef> memberOf(Standup standup, UserRef user) {
        return links.in(standup.getTenant(), user).filter(me -> standup.getParticipants().contains(me)
                || channelMembers(standup).contains(me));
    }

    /** This person as known in the standup's tenant (themselves, or their linked identity), else a clear refusal. */
    UserRef memberOfTenant(Standup standup, UserRef user) {
        return links.in(standup.getTenant(), user).orElseThrow(() -> new UserError(
                "There is no standup named \"" + standup.getName() + "\" here."));
    }

    /** The zone this person is asked in. */
    ZoneId zoneOf(Standup standup, UserRef user) {
        return standup.getZoneMode() == ZoneMode.PARTICIPANT ? profiles.zone(user, standup.zone()) : standup.zone();
    }

    /** How today stands for this person, in a few words: asked, answered, skipped, not today. */
    String todayFor(Standup standup, UserRef user) {
        ZoneId zone = zoneOf(standup, user);
        LocalDate today = clock.instant().atZone(zone).toLocalDate();
        Optional<Attendance> a = attendance(StandupRun.id(standup.getId(), today), user);
        if (a.isPresent()) {
            return a.get().getStatus().label();
        }
        return standup.schedule().at(today, zone).map(at -> at.isAfter(clock.instant())
                ? "asks at " + StandupCards.time(at, zone) : "not asked").orElse("no standup");
    }

    /** Ends a pause that ignored prompts started; true if the person was paused. */
    boolean resumeAsking(UserRef user) {
        return preferences.resume(user, RITUAL);
    }

    /** This person's identities: theirs, and the one linked to it on the other platform. */
    List<UserRef> identities(UserRef user) {
        List<UserRef> all = new ArrayList<>(List.of(user));
        links.partner(user).ifPresent(all::add);
        return all;
    }

    /** This person as known in the run's tenant, if they may act on it (their own tenant's, or a linked one's). */
    Optional<UserRef> asIn(StandupRun run, UserRef user) {
        return links.in(run.getTenant(), user);
    }

    private static Standup named(List<Standup> all, String name) {
        String wanted = name == null ? "" : name.strip().toLowerCase(Locale.ROOT);
        if (wanted.isEmpty() && all.size() == 1) {
            return all.get(0);
        }
        return all.stream().filter(s -> s.getName().toLowerCase(Locale.ROOT).equals(wanted)).findFirst()
                .orElseThrow(() -> new UserError(all.isEmpty() ? "There are no standups here yet."
                        : (wanted.isEmpty() ? "Which standup? " : "There is no standup named \"" + name.strip()
                          + "\". ") + "Standups here: " + String.join(", ", all.stream().map(Standup::getName)
                          .toList()) + "."));
    }

    /** Everyone taking part, with the zone each is asked in. */
    List<Participant> participants(Standup standup) {
        List<UserRef> users = people(standup);
        return participants(standup, users, profiles.profiles(users));
    }

    /** {@link #participants(Standup)} of each of these standups (by id), their profiles read at once. */
    Map<String, List<Participant>> participants(List<Standup> standups) {
        Map<String, List<UserRef>> users = new LinkedHashMap<>();
        standups.forEach(standup -> users.put(standup.getId(), people(standup)));
        Profiles read = profiles.profiles(users.values().stream().flatMap(List::stream).toList());
        Map<String, List<Participant>> participants = new LinkedHashMap<>();
        standups.forEach(standup -> participants.put(standup.getId(),
                participants(standup, users.get(standup.getId()), read)));
        return participants;
    }

    /** The people asked, named or (as members of its channel) not, before their profiles are read. */
    private List<UserRef> people(Standup standup) {
        List<UserRef> users = new ArrayList<>(standup.getParticipants());
        users.addAll(channelMembers(standup));
        return users;
    }

    private static List<Participant> participants(Standup standup, List<UserRef> users, Profiles read) {
        Map<UserRef, Participant> people = new LinkedHashMap<>();
        for (UserRef user : users) {
            ZoneId zone = standup.getZoneMode() == ZoneMode.PARTICIPANT ? read.zone(user, standup.zone())
                    : standup.zone();
            people.putIfAbsent(user, new Participant(user, read.displayName(user), zone));
        }
        return List.copyOf(people.values());
    }

    /** The members of the channel the standup takes its people from, if it does. */
    private List<UserRef> channelMembers(Standup standup) {
        return standup.getMembersOf() == null ? List.of() : profiles.directory(standup.getMembersOf().platform())
                .map(d -> d.members(standup.getMembersOf())).orElse(List.of());
    }

    StandupRun ensureRun(Standup standup, LocalDate date) {
        String id = StandupRun.id(standup.getId(), date);
        Optional<StandupRun> existing = runs.findById(id);
        if (existing.isPresent()) {
            return existing.get();
        }
        try {
            return runs.insert(new StandupRun(standup, date, clock.instant()));
        } catch (DuplicateKeyException raced) {
            return runs.findById(id).orElseThrow();
        }
    }

    Optional<StandupRun> run(String runId) {
        return runs.findById(runId);
    }

    /**
     * Asks the given people (one time zone's share of the standup) for the day's answers. The plan is stored first:
     * the day's summary and every person's attendance (asked, or away and why), in one command, before anyone is
     * asked. Then everyone planned and not yet asked is asked; starting a dialog is claimed by its key, so running this
     * again (after a crash, or on a second instance) finishes the plan and asks nobody twice.
     */
    void prompt(Standup standup, StandupRun run, List<Participant> people, Instant at) {
        Prompting prompting = new Prompting(standup, new HashMap<>());
        PROMPTING.set(prompting);
        try {
            promptAll(standup, run, people, at, prompting.attendance());
        } finally {
            PROMPTING.remove();
        }
    }

    /**
     * A person's day and its standup, for rendering their opening question: while this thread prompts a run, as the
     * run read them (two reads a run, not two a person); otherwise read.
     */
    Opening forOpening(String attendanceId) {
        Prompting prompting = PROMPTING.get();
        Attendance a = prompting == null ? null : prompting.attendance().get(attendanceId);
        if (a != null && a.getStandupId().equals(prompting.standup().getId())) {
            return new Opening(prompting.standup(), a);
        }
        a = attendance(attendanceId).orElseThrow(() -> new IllegalStateException("no attendance " + attendanceId));
        return new Opening(find(a.getStandupId()).orElseThrow(), a);
    }

    /** What a person's opening question shows. */
    record Opening(Standup standup, Attendance attendance) {
    }

    /** The run this thread is prompting: its standup, and its attendance as read once everyone was planned. */
    private record Prompting(Standup standup, Map<String, Attendance> attendance) {
    }

    private void promptAll(Standup standup, StandupRun run, List<Participant> people, Instant at,
                           Map<String, Attendance> asRead) {
        List<Question> questions = standup.getQuestions();
        Instant cutoff = at.plus(standup.cutoff());
        List<UserRef> users = people.stream().map(Participant::user).toList();
        // Everyone's time off, pauses and links in one read each, not one per person.
        Availabilities availabilities = availability.forPeople(standup.getTenant(), profiles.profiles(users));
        Map<UserRef, NudgePreference> chosen = preferences.of(users, RITUAL);
        List<Attendance> plan = new ArrayList<>();
        for (Participant p : people) {
            Availability free = availabilities.on(p.user(), run.getDate(), standup.getHolidays());
            boolean paused = free.available() && chosen.get(p.user()).paused();
            AttendanceStatus status = free.available() && !paused ? AttendanceStatus.PROMPTED : AttendanceStatus.AWAY;
            plan.add(new Attendance(run, p.user(), p.name(), p.zone().getId(), status,
                    paused ? PAUSED_REASON : free.reason(), at, cutoff));
        }
        list(run.getId(), plan.stream().map(Attendance::getId).toList());
        Claims.insertNew(mongo, plan, Attendance.class);
        Set<String> planned = plan.stream().map(Attendance::getId).collect(Collectors.toSet());
        // As stored: someone who skipped the day before being asked keeps their skip. The summary is posted with the
        // plan in it, before anyone is asked (their reports thread under it); asking changes nothing it shows, so a
        // summary posted now needs no edit. One already there (an earlier zone, a repeated run) is brought up to date.
        List<Attendance> stored = attendance(run);
        stored.forEach(a -> asRead.put(a.getId(), a));
        // The day's carried-over blockers, read once: the summary shows them, and each author is reminded of theirs.
        List<Blocker> carried = blockers.carriedInto(run.getStandupId(), run.getDate());
        Map<UserRef, List<Blocker>> carriedBy = carried.stream().sorted(Comparator.comparing(Blocker::getRaisedAt)
                .thenComparing(Blocker::getNumber)).collect(Collectors.groupingBy(Blocker::getAuthor));
        Message summary = summary(run, stored, carried, questions);
        boolean existed = false;
        for (Map.Entry<String, Destination.Channel> posted : run.summaries().entrySet()) {
            existed |= !outbox.enqueue(posted.getKey(), posted.getValue(), summary, null);
        }
        // A person linked to the other platform is asked there, if they chose it.
        Map<UserRef, UserRef> reach = links.reachAt(users);
        for (Attendance a : stored) {
            if (planned.contains(a.getId()) && a.getStatus() == AttendanceStatus.PROMPTED) {
                remindOfOpenBlockers(run, a, carriedBy.getOrDefault(a.getUser(), List.of()));
                dialogs.start(a.dialogKey(), reach.getOrDefault(a.getUser(), a.getUser()), DIALOG_KIND, a.getId(),
                        questions.stream().map(Question::text).toList(), a.getCutoffAt());
            }
        }
        if (existed) {
            refreshSummary(run, questions);
        }
    }

    /** One reminder to each person of this zone group still asked and not answered. */
    void remind(Standup standup, StandupRun run, String zone) {
        List<Attendance> asked = attendance(run).stream().filter(a -> a.getStatus() == AttendanceStatus.PROMPTED
                && a.getZone().equals(zone)).toList();
        List<UserRef> users = asked.stream().map(Attendance::getUser).toList();
        Map<UserRef, NudgePreference> chosen = preferences.of(users, RITUAL);
        Map<UserRef, UserRef> reach = links.reachAt(users);
        for (Attendance a : asked) {
            if (!chosen.get(a.getUser()).remindersOff()) {
                outbox.enqueue(a.getId() + ":reminder", new Destination.Direct(reach.get(a.getUser())),
                        StandupCards.reminder(standup, a), a.getCutoffAt());
            }
        }
    }

    /** Closes the windows of this zone group; the summary is final when no window is open any more. */
    void close(Standup standup, StandupRun run, String zone) {
        Instant now = clock.instant();
        for (Attendance a : attendance(run)) {
            if (a.getStatus() == AttendanceStatus.PROMPTED && a.getZone().equals(zone)
                    && !a.getCutoffAt().isAfter(now)) {
                if (setStatus(a, AttendanceStatus.MISSED, AttendanceStatus.PROMPTED)
                        && preferences.ignored(a.getUser(), RITUAL)) {
                    outbox.enqueue(a.getId() + ":paused", new Destination.Direct(links.reachAt(a.getUser())),
                            StandupCards.pausedForIgnoring(standup, preferences.of(a.getUser(), RITUAL)), null);
                }
                dialogs.close(a.dialogKey(), Dialog.State.EXPIRED);
            }
        }
        boolean open = attendance(run).stream().anyMatch(a -> a.getStatus() == AttendanceStatus.PROMPTED)
                || laterZoneStillOpen(standup, run, now);
        if (!open) {
            mongo.updateFirst(Query.query(Criteria.where("_id").is(run.getId())), new Update().set("closed", true),
                    StandupRun.class);
        }
        refreshSummary(run(run.getId()).orElse(run), standup.getQuestions());
    }

    /** With people in several zones, the day is not over while a zone has yet to be asked or is still answering. */
    private boolean laterZoneStillOpen(Standup standup, StandupRun run, Instant now) {
        return participants(standup).stream().map(Participant::zone).distinct()
                .map(zone -> standup.schedule().at(run.getDate(), zone))
                .flatMap(Optional::stream)
                .anyMatch(promptAt -> promptAt.plus(standup.cutoff()).isAfter(now));
    }

    /**
     * Stores a person's answers (from the DM dialog or the form), posts or edits their report in the summary's thread
     * and updates the summary. Allowed until their window closes, also after a skip.
     */
    Attendance submit(String attendanceId, List<String> answers) {
        Attendance a = attendances.findById(attendanceId)
                .orElseThrow(() -> new UserError("You are not part of that standup today."));
        if (!clock.instant().isBefore(a.getCutoffAt())) {
            throw new UserError("This standup closed at " + StandupCards.time(a.getCutoffAt(),
                    ZoneId.of(a.getZone())) + "; answers can no longer be changed.");
        }
        Instant now = clock.instant();
        boolean edit = a.getStatus() == AttendanceStatus.ANSWERED;
        Update update = new Update().set("answers", answers).set("status", AttendanceStatus.ANSWERED).unset("reason");
        update = edit ? update.set("editedAt", now) : update.set("submittedAt", now);
        Attendance saved = mongo.findAndModify(Query.query(Criteria.where("_id").is(attendanceId)), update,
                FindAndModifyOptions.options().returnNew(true), Attendance.class);
        preferences.answered(saved.getUser(), RITUAL);
        tellOfNewBlockers(standup(saved), saved, edit ? a.getAnswers() : List.of());
        StandupRun run = run(saved.getRunId()).orElseThrow();
        Standup standup = find(saved.getStandupId()).orElseThrow(() -> new UserError("That standup was deleted."));
        recordBlockers(standup, saved, run);
        Message report = StandupCards.report(saved, run, standup.getQuestions());
        run.summaries().forEach((summaryKey, channel) -> {
            String reportKey = saved.reportKey() + summaryKey.substring(run.summaryKey().length());
            // The first answer posts the report; an edit (or a day whose mirror came later) changes or posts it.
            if (!outbox.enqueueReply(reportKey, summaryKey, channel, report, null)) {
                outbox.update(reportKey, report);
            }
        });
        refreshSummary(run, standup.getQuestions());
        return saved;
    }

    /**
     * "Skip today": for a standup not yet asked today, a SKIPPED attendance claims the day so no prompt goes out; an
     * open one is marked skipped and its questions stop.
     */
    String skipToday(Standup standup, UserRef user) {
        ZoneId zone = standup.getZoneMode() == ZoneMode.PARTICIPANT ? profiles.zone(user, standup.zone())
                : standup.zone();
        Instant now = clock.instant();
        LocalDate today = now.atZone(zone).toLocalDate();
        Optional<Instant> occurrence = standup.schedule().at(today, zone);
        if (occurrence.isEmpty()) {
            return "There is no " + standup.getName() + " today.";
        }
        StandupRun run = ensureRun(standup, today);
        Attendance skip = new Attendance(run, user, profiles.displayName(user), zone.getId(), AttendanceStatus.SKIPPED,
                null, occurrence.get(), occurrence.get().plus(standup.cutoff()));
        if (!insert(skip)) {
            Attendance existing = attendances.findById(skip.getId()).orElseThrow();
            if (existing.getStatus() == AttendanceStatus.PROMPTED) {
                setStatus(existing, AttendanceStatus.SKIPPED, AttendanceStatus.PROMPTED);
                dialogs.close(existing.dialogKey(), Dialog.State.CANCELLED);
            } else if (existing.getStatus() != AttendanceStatus.SKIPPED) {
                return "You already " + existing.getStatus().label() + " " + standup.getName() + " today.";
            }
        }
        refreshSummary(run, standup.getQuestions());
        return "OK, you skip " + standup.getName() + " today (" + StandupCards.day(today) + ").";
    }

    /** Everyone's attendance of the day, by id; read as stored now (the run passed in may be an older copy). */
    List<Attendance> attendance(StandupRun run) {
        StandupRun current = runs.findById(run.getId()).orElse(run);
        return attendance(List.of(current)).getOrDefault(current.getId(), List.of());
    }

    /**
     * The attendance of these days, by run id, read together (the start-up rebuild looks at every open day: one read
     * per 200 people, not two reads per day). The days are taken as just read, not read again; a day from before
     * attendance was listed on it is looked up by its run id.
     */
    Map<String, List<Attendance>> attendance(Collection<StandupRun> days) {
        Map<String, List<Attendance>> byRun = new HashMap<>();
        List<String> listed = days.stream().filter(StandupRun::isAttendanceListed)
                .flatMap(day -> day.getAttendanceIds().stream()).toList();
        Lookups.byIds(mongo, listed, Attendance.class, Attendance::getId).values()
                .forEach(a -> byRun.computeIfAbsent(a.getRunId(), run -> new ArrayList<>()).add(a));
        days.stream().filter(day -> !day.isAttendanceListed()).forEach(day -> byRun.put(day.getId(),
                new ArrayList<>(attendances.findByRunIdOrderByIdAsc(day.getId()))));
        byRun.values().forEach(found -> found.sort(Comparator.comparing(Attendance::getId)));
        return byRun;
    }

    /** Adds attendance ids to the day's list; before they are stored, so a crash in between loses none from it. */
    private void list(String runId, List<String> ids) {
        if (ids.isEmpty()) {
            return;
        }
        mongo.updateFirst(Query.query(Criteria.where("_id").is(runId)),
                new Update().addToSet("attendanceIds").each(ids.toArray()), StandupRun.class);
    }

    /** A person's standup days that are still open (not past their cutoff), earliest prompt first. */
    List<Attendance> openAttendance(UserRef user, Instant now) {
        return attendances.findByUserAndCutoffAtAfterAndStatusInOrderByPromptAt(user, now,
                List.of(AttendanceStatus.PROMPTED, AttendanceStatus.ANSWERED, AttendanceStatus.SKIPPED));
    }

    Optional<Attendance> attendance(String attendanceId) {
        return attendances.findById(attendanceId);
    }

    Optional<Attendance> attendance(String runId, UserRef user) {
        return attendances.findById(Attendance.id(runId, user));
    }

    /** Runs that are not closed yet, for catching up after a restart. */
    List<StandupRun> openRuns(String standupId) {
        return runs.findByStandupIdAndClosedFalse(standupId);
    }

    /** Every standup's open days, by standup id, in one read. */
    Map<String, List<StandupRun>> openRuns() {
        return runs.findByClosedFalse().stream().collect(Collectors.groupingBy(StandupRun::getStandupId));
    }

    void refreshSummary(StandupRun run, List<Question> questions) {
        Message summary = summary(run, questions);
        run.summaries().keySet().forEach(key -> outbox.update(key, summary));
    }

    /** The day's summary in each of its channels, posted once whoever asks first (outbox keys). */
    private void postSummaries(StandupRun run, List<Question> questions) {
        Message summary = summary(run, questions);
        run.summaries().forEach((key, channel) -> outbox.enqueue(key, channel, summary, null));
    }

    /**
     * The day this person can answer now, started for them if nobody was asked yet ({@code standup answer} before
     * the prompt): today's, until its window closes. Their attendance is claimed as asked and the day's summary is
     * posted; the scheduled prompt later finds them answered (or asks them, if they left the form empty).
     */
    StandupRun answerableRun(Standup standup, UserRef user, ZoneId zone) {
        Instant now = clock.instant();
        LocalDate today = now.atZone(zone).toLocalDate();
        Optional<Instant> todays = standup.schedule().at(today, zone);
        // After today's window (or on a day without one), the next day's opens early if the standup says so.
        LocalDate day = today;
        if (todays.isEmpty() || !now.isBefore(todays.get().plus(standup.cutoff()))) {
            Optional<Instant> tomorrows = standup.schedule().at(today.plusDays(1), zone);
            if (standup.getEarlyHours() > 0 && tomorrows.isPresent()
                    && !now.isBefore(tomorrows.get().minus(Duration.ofHours(standup.getEarlyHours())))) {
                day = today.plusDays(1);
            }
        }
        Optional<StandupRun> existing = run(StandupRun.id(standup.getId(), day));
        if (existing.isPresent() && attendance(existing.get().getId(), user).isPresent()) {
            return existing.get();
        }
        Instant occurrence = standup.schedule().at(day, zone)
                .orElseThrow(() -> new UserError("There is no " + standup.getName() + " today."));
        Instant cutoff = occurrence.plus(standup.cutoff());
        if (!now.isBefore(cutoff)) {
            throw new UserError(standup.getName() + " closed at " + StandupCards.time(cutoff, zone)
                    + " today; answers can no longer be changed.");
        }
        if (standup.isPaused()) {
            throw new UserError(standup.getName() + " is paused.");
        }
        StandupRun run = ensureRun(standup, day);
        insert(new Attendance(run, user, profiles.displayName(user), zone.getId(), AttendanceStatus.PROMPTED, null,
                now.isBefore(occurrence) ? now : occurrence, cutoff));
        postSummaries(run, standup.getQuestions());
        refreshSummary(run, standup.getQuestions());
        return run;
    }

    /**
     * The day's summary with the blockers still open from earlier days, linking to the standup's page of the
     * dashboard when there is one.
     */
    private Message summary(StandupRun run, List<Question> questions) {
        return summary(run, attendance(run), blockers.carriedInto(run.getStandupId(), run.getDate()), questions);
    }

    private Message summary(StandupRun run, List<Attendance> attendance, List<Blocker> carried,
                            List<Question> questions) {
        return dashboard.append(BlockerCards.withCarriedOver(StandupCards.summary(run, attendance, questions),
                carried, run.getDate()),
                "/standups?standup=" + run.getStandupId());
    }

    /**
     * Each blocker answer is kept as a blocker, open until resolved (linked to the key result it names); an edit that
     * drops one withdraws it.
     */
    private void recordBlockers(Standup standup, Attendance a, StandupRun run) {
        List<Question> questions = standup.getQuestions();
        // As the summary counts them: "Blocked? Yes" and its follow-up are one blocker, named by the follow-up.
        List<String> named = new ArrayList<>();
        for (int i : Question.blockers(questions, a.getAnswers())) {
            named.add(questions.get(i).blockerText(a.getAnswers().get(i)));
        }
        blockers.withdrawOthers(a.getId(), named);
        for (String text : named) {
            blockers.raise(new Blocker.Raised(standup.getTenant(), RITUAL, standup.getId(), standup.getName(),
                    a.getId(), a.getUser(), a.getDisplayName(), run.getDate(), text));
        }
    }

    /** Before the day's questions: the person's blockers still open from earlier days, each one click to resolve. */
    /** {@code open}: the person's blockers of this standup still open from earlier days, oldest first. */
    private void remindOfOpenBlockers(StandupRun run, Attendance a, List<Blocker> open) {
        if (!open.isEmpty()) {
            UserRef to = links.reachAt(a.getUser());
            // Sent now, so it is there before the first question.
            outbox.sendNow(a.getId() + ":still-blocked", new Destination.Direct(to), BlockerCards.stillBlocked(open,
                    run.getDate(), to.platform().command("standup") + " resolve"), a.getCutoffAt());
        }
    }

    private boolean insert(Attendance attendance) {
        list(attendance.getRunId(), List.of(attendance.getId()));
        try {
            attendances.insert(attendance);
            return true;
        } catch (DuplicateKeyException e) {
            return false;
        }
    }

    private Standup standup(Attendance a) {
        return find(a.getStandupId()).orElseThrow(() -> new UserError("That standup was deleted."));
    }

    /**
     * Each blocker answer that is new (not there before this edit) goes at once to whoever the standup names, keyed
     * by its text so a resubmission or a second instance tells them once.
     */
    private void tellOfNewBlockers(Standup standup, Attendance a, List<String> before) {
        if (standup.getBlockersTo() == null) {
            return;
        }
        List<Question> questions = standup.getQuestions();
        for (int i : Question.blockers(questions, a.getAnswers())) {
            String answer = questions.get(i).blockerText(a.getAnswers().get(i));
            boolean wasThere = Question.blockers(questions, before).stream()
                    .anyMatch(j -> questions.get(j).blockerText(before.get(j)).equals(answer));
            if (!wasThere) {
                outbox.enqueue(a.getId() + ":blocker:" + Integer.toHexString(answer.hashCode()),
                        standup.getBlockersTo(), StandupCards.newBlocker(standup, a, answer), null);
            }
        }
    }

    /** True if this call made the change (another instance, or a second close, finds it done). */
    private boolean setStatus(Attendance a, AttendanceStatus to, AttendanceStatus from) {
        return mongo.updateFirst(Query.query(Criteria.where("_id").is(a.getId()).and("status").is(from)),
                new Update().set("status", to), Attendance.class).getModifiedCount() == 1;
    }
}
