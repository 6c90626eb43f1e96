package io.opsbot.core.home;

import io.opsbot.core.feedback.FeedbackItem;
import io.opsbot.core.feedback.FeedbackService;
import io.opsbot.core.message.Button;
import io.opsbot.core.message.Markup;
import io.opsbot.core.message.Texts;
import io.opsbot.core.okr.Cadence;
import io.opsbot.core.okr.KeyResult;
import io.opsbot.core.okr.OkrActions;
import io.opsbot.core.okr.OkrService;
import io.opsbot.core.okr.OkrSettingsService;
import io.opsbot.core.okr.Progress;
import io.opsbot.core.onboarding.OnboardingActions;
import io.opsbot.core.onboarding.OnboardingRun;
import io.opsbot.core.onboarding.OnboardingService;
import io.opsbot.core.people.ProfileService;
import io.opsbot.core.standup.Attendance;
import io.opsbot.core.standup.AttendanceStatus;
import io.opsbot.core.standup.StandupActions;
import io.opsbot.core.standup.StandupRun;
import io.opsbot.core.tenant.UserRef;
import io.opsbot.core.training.Announcement;
import io.opsbot.core.training.TrainingActions;
import io.opsbot.core.training.TrainingService;
import io.opsbot.core.training.TrainingSession;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Service;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Builds a person's {@link Home} from each feature's own records, read only: nothing here changes state, and every
 * button is the feature's own, so a click from the home does exactly what it does on the feature's messages.
 */
@Service
public class HomeService {

    private static final ZoneId UTC = ZoneId.of("UTC");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm", Locale.ENGLISH);
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("EEE d MMM", Locale.ENGLISH);
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("EEE d MMM, HH:mm", Locale.ENGLISH);

    private final MongoTemplate mongo;
    private final OkrService okrs;
    private final OkrSettingsService okrSettings;
    private final OnboardingService onboarding;
    private final TrainingService training;
    private final FeedbackService feedback;
    private final ProfileService profiles;
    private final Clock clock;

    public HomeService(MongoTemplate mongo, OkrService okrs, OkrSettingsService okrSettings,
                       OnboardingService onboarding, TrainingService training, FeedbackService feedback,
                       ProfileService profiles, Clock clock) {
        this.mongo = mongo;
        this.okrs = okrs;
        this.okrSettings = okrSettings;
        this.onboarding = onboarding;
        this.training = training;
        this.feedback = feedback;
        this.profiles = profiles;
        this.clock = clock;
    }

    /** The home of a person; {@code zoneHint} (the client's zone, if the platform tells it) until they set one. */
    public Home of(UserRef user, ZoneId zoneHint) {
        ZoneId zone = profiles.zone(user, zoneHint != null ? zoneHint : UTC);
        Instant now = clock.instant();
        List<HomeItem> items = new ArrayList<>();
        items.addAll(standups(user, now));
        items.addAll(checkIns(user, now));
        items.addAll(onboarding(user, zone));
        items.addAll(trainings(user, zone));
        items.addAll(announcements(user));
        items.addAll(feedback(user));
        return new Home(user, zone, now, items);
    }

    /** Today's standups: still to answer, or answered and open for edits until the cutoff. */
    private List<HomeItem> standups(UserRef user, Instant now) {
        List<Attendance> open = mongo.find(Query.query(Criteria.where("user").is(user).and("cutoffAt").gt(now)
                .and("status").in(AttendanceStatus.PROMPTED, AttendanceStatus.ANSWERED, AttendanceStatus.SKIPPED))
                .with(Sort.by("promptAt")), Attendance.class);
        List<HomeItem> items = new ArrayList<>();
        for (Attendance a : open) {
            String name = Optional.ofNullable(mongo.findById(a.getRunId(), StandupRun.class))
                    .map(StandupRun::getStandupName).orElse("Standup");
            String cutoff = TIME.format(a.getCutoffAt().atZone(ZoneId.of(a.getZone()))) + " " + a.getZone();
            Markup.Builder text = Markup.builder().text(a.getStatus().emoji() + " ").bold(name);
            switch (a.getStatus()) {
                case PROMPTED -> items.add(new HomeItem(HomeItem.Section.STANDUP, text.text(" · answer by " + cutoff)
                        .build(), List.of(Button.primary(StandupActions.ANSWER, "Answer", a.getRunId())), true));
                case ANSWERED -> items.add(new HomeItem(HomeItem.Section.STANDUP, text.text(" · answered; you can "
                        + "change it until " + cutoff).build(), List.of(Button.of(StandupActions.ANSWER,
                        "Edit answers", a.getRunId())), false));
                default -> items.add(new HomeItem(HomeItem.Section.STANDUP, text.text(" · skipped today").build(),
                        List.of(), false));
            }
        }
        return items;
    }

    /** Key results not checked in since this week's prompt (or ever). */
    private List<HomeItem> checkIns(UserRef user, Instant now) {
        Cadence cadence = okrSettings.cadenceFor(user);
        Instant since = cadence.latestPrompt(now).map(Cadence::windowStart).orElse(null);
        List<HomeItem> items = new ArrayList<>();
        for (KeyResult kr : okrs.dueForCheckIn(user, now.atZone(cadence.zone()).toLocalDate())) {
            boolean checkedIn = kr.getLastCheckInAt() != null && (since == null || !kr.getLastCheckInAt()
                    .isBefore(since));
            if (checkedIn) {
                continue;
            }
            Markup.Builder text = Markup.builder().bold(kr.reference()).text(" " + Texts.shorten(kr.getTitle(), 120))
                    .text(" · " + Progress.percent(Progress.of(kr)) + "%");
            if (kr.getDue() != null) {
                text.text(" · due " + DAY.format(kr.getDue()));
            }
            items.add(new HomeItem(HomeItem.Section.CHECK_INS, text.build(),
                    List.of(Button.primary(OkrActions.CHECK_IN, "Check in", kr.getId())), true));
        }
        return items;
    }

    /** The next open step of each onboarding under way, or when the next one arrives. */
    private List<HomeItem> onboarding(UserRef user, ZoneId zone) {
        List<HomeItem> items = new ArrayList<>();
        for (OnboardingRun run : onboarding.runsOf(user)) {
            if (run.getStatus() != OnboardingRun.Status.ACTIVE || run.allComplete()) {
                continue;
            }
            int step = run.focus();
            Markup.Builder text = Markup.builder().bold(run.getTrackTitle());
            if (run.released(step) && !run.complete(step)) {
                text.text(" · step " + (step + 1) + " of " + run.size() + ": ")
                        .text(Texts.shorten(run.step(step).title(), 120));
                items.add(new HomeItem(HomeItem.Section.ONBOARDING, text.build(), List.of(Button.primary(
                        OnboardingActions.SHOW_STEP, "Open step " + (step + 1), OnboardingActions.step(run, step))),
                        true));
            } else {
                onboarding.nextArrival(run).ifPresent(at -> items.add(new HomeItem(HomeItem.Section.ONBOARDING,
                        text.text(" · " + run.completeCount() + " of " + run.size() + " done; the next step "
                                + "arrives " + DAY.format(at.atZone(zone))).build(), List.of(), false)));
            }
        }
        return items;
    }

    /** Upcoming trainings the person is invited to and has not answered. */
    private List<HomeItem> trainings(UserRef user, ZoneId zone) {
        List<HomeItem> items = new ArrayList<>();
        for (TrainingSession session : training.invitations(user)) {
            if (session.answerOf(user) != null) {
                continue;
            }
            Markup text = Markup.builder().bold(session.reference()).text(" " + Texts.shorten(session.getTitle(), 120))
                    .text(" · " + WHEN.format(session.getStartsAt().atZone(zone)) + " " + zone.getId()).build();
            items.add(new HomeItem(HomeItem.Section.TRAININGS, text, List.of(
                    Button.primary(TrainingActions.ATTEND, "Attend", session.getId()),
                    Button.of(TrainingActions.DECLINE, "Decline", session.getId())), true));
        }
        return items;
    }

    private List<HomeItem> announcements(UserRef user) {
        List<HomeItem> items = new ArrayList<>();
        for (Announcement announcement : training.awaitingAck(user)) {
            Markup text = Markup.builder().bold(announcement.reference())
                    .text(" " + Texts.shorten(announcement.getTitle(), 120)).build();
            items.add(new HomeItem(HomeItem.Section.ANNOUNCEMENTS, text, List.of(
                    Button.primary(TrainingActions.ACKNOWLEDGE, "Acknowledge", announcement.getId())), true));
        }
        return items;
    }

    /** The person's latest feedback and where each item stands. */
    private List<HomeItem> feedback(UserRef user) {
        List<HomeItem> items = new ArrayList<>();
        for (FeedbackItem item : feedback.recentByReporter(user)) {
            Markup text = Markup.builder().text(item.getStatus().emoji() + " ").bold(item.reference())
                    .text(" " + Texts.shorten(item.getSummary(), 100)).italic(" · " + item.getStatus().label())
                    .build();
            items.add(new HomeItem(HomeItem.Section.FEEDBACK, text, List.of(), false));
        }
        return items;
    }
}
