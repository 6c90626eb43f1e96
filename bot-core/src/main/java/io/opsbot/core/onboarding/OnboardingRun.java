package io.opsbot.core.onboarding;

import io.opsbot.core.tenant.TenantRef;
import io.opsbot.core.tenant.UserRef;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.index.Indexed;
import org.springframework.data.mongodb.core.mapping.Document;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;

/**
 * One person walking through one track. Its id is the claim: one run per (person, track), however often a join is
 * announced. It keeps its own copy of the steps, so editing a track never shifts someone halfway through it, and one
 * {@link StepState} per step: when it arrived, when it was done, when its overdue reminder went out.
 */
@Document("onboarding_runs")
@CompoundIndex(name = "onboarding_tenant_status", def = "{'tenant': 1, 'status': 1}")
public class OnboardingRun {

    public enum Status { ACTIVE, FINISHED, STOPPED }

    /**
     * What happened to one step; null instants mean "not yet". {@code answer} is the index of the quiz choice the
     * person picked (null: not answered, or no quiz).
     */
    public record StepState(Instant releasedAt, Instant doneAt, Instant remindedAt, Integer answer) {
    }

    @Id
    private String id;
    private TenantRef tenant;
    @Indexed(name = "onboarding_user")
    private UserRef user;
    private String userName;
    private String trackKey;
    private String trackTitle;
    private List<OnboardingStep> steps = new ArrayList<>();
    private List<StepState> states = new ArrayList<>();
    private String zone;
    private LocalDate startDate;
    private Instant startedAt;
    private UserRef startedBy;
    private List<UserRef> notify = new ArrayList<>();
    /** The hire's buddy and manager (either may be null): told of overdue steps and of the finish. */
    @Indexed(name = "onboarding_buddy", sparse = true)
    private UserRef buddy;
    @Indexed(name = "onboarding_manager", sparse = true)
    private UserRef manager;
    private Status status;
    private Instant finishedAt;

    protected OnboardingRun() {
    }

    OnboardingRun(UserRef user, String userName, OnboardingTrack track, ZoneId zone, Instant now, UserRef startedBy,
                  List<UserRef> notify, UserRef buddy, UserRef manager) {
        this.id = id(user, track.key());
        this.tenant = user.tenant();
        this.user = user;
        this.userName = userName;
        this.trackKey = track.key();
        this.trackTitle = track.title();
        this.steps = new ArrayList<>(track.steps());
        track.steps().forEach(s -> states.add(new StepState(null, null, null, null)));
        this.zone = zone.getId();
        this.startDate = now.atZone(zone).toLocalDate();
        this.startedAt = now;
        this.startedBy = startedBy;
        this.notify = new ArrayList<>(notify);
        this.buddy = buddy;
        this.manager = manager;
        this.status = Status.ACTIVE;
    }

    static String id(UserRef user, String trackKey) {
        return "onb:" + user.key() + ":" + trackKey;
    }

    public String getId() {
        return id;
    }

    public TenantRef getTenant() {
        return tenant;
    }

    public UserRef getUser() {
        return user;
    }

    public String getUserName() {
        return userName;
    }

    public String getTrackKey() {
        return trackKey;
    }

    public String getTrackTitle() {
        return trackTitle;
    }

    public List<OnboardingStep> getSteps() {
        return steps;
    }

    public List<StepState> getStates() {
        return states;
    }

    public ZoneId zone() {
        return ZoneId.of(zone);
    }

    public LocalDate getStartDate() {
        return startDate;
    }

    public Instant getStartedAt() {
        return startedAt;
    }

    public UserRef getStartedBy() {
        return startedBy;
    }

    public List<UserRef> getNotify() {
        return notify;
    }

    public UserRef getBuddy() {
        return buddy;
    }

    public UserRef getManager() {
        return manager;
    }

    /**
     * Everyone told when the hire finishes: the track's people, whoever started it, the buddy and the manager, each
     * once and never the hire themselves.
     */
    public List<UserRef> toldOnFinish() {
        LinkedHashSet<UserRef> told = new LinkedHashSet<>(notify);
        if (buddy != null) {
            told.add(buddy);
        }
        if (manager != null) {
            told.add(manager);
        }
        told.remove(user);
        return List.copyOf(told);
    }

    /** The buddy and the manager, each once, never the hire: told when a step is overdue. */
    public List<UserRef> toldWhenOverdue() {
        LinkedHashSet<UserRef> told = new LinkedHashSet<>();
        if (buddy != null) {
            told.add(buddy);
        }
        if (manager != null) {
            told.add(manager);
        }
        told.remove(user);
        return List.copyOf(told);
    }

    /** The quiz choice picked on a step, if any. */
    public Optional<Integer> answer(int index) {
        return Optional.ofNullable(states.get(index).answer());
    }

    public Status getStatus() {
        return status;
    }

    public Instant getFinishedAt() {
        return finishedAt;
    }

    public int size() {
        return steps.size();
    }

    public OnboardingStep step(int index) {
        return steps.get(index);
    }

    public boolean released(int index) {
        return states.get(index).releasedAt() != null;
    }

    public boolean done(int index) {
        return states.get(index).doneAt() != null;
    }

    /**
     * A step is complete once it is done; one that needs no acknowledgement is complete as soon as it has arrived
     * (Done on it only ticks it).
     */
    public boolean complete(int index) {
        return done(index) || released(index) && !steps.get(index).requiresAck();
    }

    public int completeCount() {
        int n = 0;
        for (int i = 0; i < steps.size(); i++) {
            if (complete(i)) {
                n++;
            }
        }
        return n;
    }

    public int releasedCount() {
        int n = 0;
        for (int i = 0; i < steps.size(); i++) {
            if (released(i)) {
                n++;
            }
        }
        return n;
    }

    public boolean allComplete() {
        return completeCount() == steps.size();
    }

    /** The step to show first: the earliest arrived step still open, else the last one that arrived. */
    public int focus() {
        int last = 0;
        for (int i = 0; i < steps.size(); i++) {
            if (released(i)) {
                if (!complete(i)) {
                    return i;
                }
                last = i;
            }
        }
        return last;
    }
}
