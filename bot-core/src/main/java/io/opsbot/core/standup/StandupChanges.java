package io.opsbot.core.standup;

import io.opsbot.core.access.AccessPolicy;
import io.opsbot.core.access.Role;
import io.opsbot.core.access.Stewards;
import io.opsbot.core.audit.Actor;
import io.opsbot.core.audit.AuditLog;
import io.opsbot.core.conversation.UserError;
import io.opsbot.core.gateway.Destination;
import io.opsbot.core.people.ProfileService;
import io.opsbot.core.tenant.UserRef;
import org.springframework.stereotype.Service;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Everything someone changes about an existing standup, from chat or any other front end: each change is checked
 * against who looks after that standup (its managers and admins) before it is made, and written to the audit log
 * after. A standup's managers are the manager who set it up and the managers named in its form; they need the manager
 * role, so taking that role away ends their say over it.
 */
@Service
public class StandupChanges {

    private final StandupRepository standups;
    private final StandupService service;
    private final StandupNudges nudges;
    private final AccessPolicy access;
    private final AuditLog audit;
    private final ProfileService profiles;
    private final Clock clock;

    public StandupChanges(StandupRepository standups, StandupService service, StandupNudges nudges,
                          AccessPolicy access, AuditLog audit, ProfileService profiles, Clock clock) {
        this.profiles = profiles;
        this.standups = standups;
        this.service = service;
        this.nudges = nudges;
        this.access = access;
        this.audit = audit;
        this.clock = clock;
    }

    /** Who may change the standup besides admins: the manager who set it up and the managers named in it. */
    public Stewards stewards(Standup standup) {
        Set<UserRef> managers = new LinkedHashSet<>(standup.getManagers());
        if (standup.getCreatedBy() != null) {
            managers.add(standup.getCreatedBy());
        }
        return Stewards.managedBy("the standup " + standup.getName(), managers);
    }

    /** The standups of the person's tenant they may change: every one for an admin, else those they manage. */
    public List<Standup> managedBy(UserRef user) {
        return service.inTenant(user.tenant()).stream().filter(s -> access.mayChange(user, stewards(s))).toList();
    }

    /** Refuses, changing nothing, unless the person may change this standup. */
    void require(UserRef user, Standup standup, String what) {
        access.requireChange(user, stewards(standup), what);
    }

    /** Records a set-up made with the form: {@code before} is null for a new standup. */
    void saved(Actor by, String before, Standup after) {
        audit.record(by, before == null ? "standup.create" : "standup.edit", after.getName(), before,
                StandupDescriptions.setUp(after));
    }

    public Standup setPaused(Actor by, Standup standup, boolean pause) {
        require(by.user(), standup, pause ? "pause it" : "resume it");
        standup.setPaused(pause);
        standup.setUpdatedAt(clock.instant());
        Standup saved = standups.save(standup);
        if (pause) {
            nudges.unschedule(saved);
        } else {
            nudges.schedule(saved, false);
        }
        audit.record(by, pause ? "standup.pause" : "standup.resume", saved.getName());
        return saved;
    }

    public void delete(Actor by, Standup standup) {
        require(by.user(), standup, "delete it");
        nudges.unschedule(standup);
        standups.delete(standup);
        audit.record(by, "standup.delete", standup.getName(), StandupDescriptions.setUp(standup), null);
    }

    /** Adds or removes a day off of this standup; the standup's days off, sorted. */
    public List<LocalDate> holiday(Actor by, Standup standup, LocalDate date, boolean add) {
        require(by.user(), standup, "change its days off");
        List<LocalDate> days = new ArrayList<>(standup.getHolidays());
        boolean changed = add ? !days.contains(date) && days.add(date) : days.remove(date);
        days.sort(null);
        if (changed) {
            standup.setHolidays(days);
            standup.setUpdatedAt(clock.instant());
            standups.save(standup);
            audit.record(by, add ? "standup.holiday-add" : "standup.holiday-remove", standup.getName(),
                    add ? null : date, add ? date : null);
        }
        return List.copyOf(days);
    }

    /** Posts the daily summary in a second channel too (one on the other platform, typically). */
    public Standup setMirror(Actor by, Standup standup, Destination.Channel channel) {
        require(by.user(), standup, "post its summary in another channel");
        if (channel.equals(standup.getReportChannel())) {
            throw new UserError("This is already " + standup.getName() + "'s summary channel.");
        }
        Destination.Channel before = standup.getMirrorChannel();
        standup.setMirrorChannel(channel);
        standup.setUpdatedAt(clock.instant());
        Standup saved = standups.save(standup);
        audit.record(by, "standup.mirror", saved.getName(), before == null ? null : before.channelId(),
                channel.platform().displayName() + " " + channel.channelId());
        return saved;
    }

    /** Who is told of new blockers at once: a channel of the standup's tenant, a person of it, or nobody (null). */
    public Standup setBlockersTo(Actor by, Standup standup, Destination to) {
        require(by.user(), standup, "choose who hears of its blockers");
        if (to != null && !to.tenant().equals(standup.getTenant())) {
            throw new UserError("Blockers go to a channel or a person of the standup's own "
                    + standup.getTenant().platform().tenantNoun() + ".");
        }
        standup.setBlockersTo(to);
        standup.setUpdatedAt(clock.instant());
        Standup saved = standups.save(standup);
        audit.record(by, "standup.blockers-to", saved.getName(), null, to == null ? "nobody" : describe(to));
        return saved;
    }

    private static String describe(Destination to) {
        return to instanceof Destination.Channel c ? "channel " + c.channelId()
                : "person " + ((Destination.Direct) to).user().userId();
    }

    /** Answers are taken this many hours before the prompt (0-23: up to the evening before). */
    public Standup setEarlyHours(Actor by, Standup standup, int hours) {
        require(by.user(), standup, "change when answers open");
        int before = standup.getEarlyHours();
        standup.setEarlyHours(hours);
        standup.setUpdatedAt(clock.instant());
        Standup saved = standups.save(standup);
        audit.record(by, "standup.early", saved.getName(), before + " h", hours + " h");
        return saved;
    }

    /** Asks everyone now; how many were asked. */
    public int runNow(Actor by, Standup standup) {
        require(by.user(), standup, "run it");
        int asked = nudges.runNow(standup);
        audit.record(by, "standup.run", standup.getName(), null, asked + " asked");
        return asked;
    }

    /** Skips today for someone else (they are away and cannot say so); what happened, as a sentence. */
    public String skipFor(Actor by, Standup standup, UserRef person) {
        require(by.user(), standup, "skip today for someone else");
        String name = profiles.displayName(person);
        boolean participant = service.participants(standup).stream().anyMatch(p -> p.user().equals(person));
        if (!participant) {
            return name + " is not part of " + standup.getName() + ".";
        }
        String outcome = service.skipToday(standup, person);
        if (!outcome.startsWith("OK, you skip")) {
            return outcome.replace("You already", name + " already");
        }
        audit.record(by, "standup.skip-for", standup.getName(), null, person.userId() + " skips today");
        return outcome.replace("OK, you skip", "OK, " + name + " skips");
    }

    /** Whether the named people hold the manager role; those who do not cannot use being named yet. */
    List<UserRef> withoutManagerRole(List<UserRef> people) {
        return people.stream().filter(p -> !access.has(p, Role.MANAGER)).toList();
    }
}
