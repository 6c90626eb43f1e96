package io.opsbot.core.standup;

import io.opsbot.core.gateway.Destination;
import io.opsbot.core.schedule.WeeklySchedule;
import io.opsbot.core.tenant.TenantRef;
import io.opsbot.core.tenant.UserRef;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.Indexed;
import org.springframework.data.mongodb.core.mapping.Document;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * An async standup: who is asked, when (weekdays, local time, the team's zone or each person's), what, and where the
 * reports go. MongoDB is the source of truth; Quartz triggers are rebuilt from these documents.
 */
@Document("standups")
public class Standup {

    @Id
    private String id;
    @Indexed(name = "by_tenant")
    private TenantRef tenant;
    private String name;
    private Destination.Channel reportChannel;
    /** A second summary channel, on the other platform, set there by a manager with a linked identity. */
    private Destination.Channel mirrorChannel;
    /** Who is told at once of each new blocker: a channel or a person's DMs; null for nobody. */
    private Destination blockersTo;
    private List<UserRef> participants = new ArrayList<>();
    /** Everyone in this channel takes part too (resolved at each occurrence). */
    private Destination.Channel membersOf;
    private Set<DayOfWeek> days = EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY);
    private String time = "09:00";
    private ZoneMode zoneMode = ZoneMode.TEAM;
    private String teamZone = "UTC";
    private List<Question> questions = new ArrayList<>(Question.DEFAULTS);
    private int reminderMinutes = 60;
    private int cutoffMinutes = 240;
    /** How many hours before the prompt answers are taken already (the evening before); 0: only on the day. */
    private int earlyHours;
    private List<LocalDate> holidays = new ArrayList<>();
    private boolean paused;
    /** Managers named to look after it besides the one who set it up (they need the manager role). */
    private List<UserRef> managers = new ArrayList<>();
    private UserRef createdBy;
    private Instant createdAt;
    private Instant updatedAt;

    protected Standup() {
    }

    public Standup(TenantRef tenant, String name, UserRef createdBy, Instant now) {
        this.tenant = tenant;
        this.name = name;
        this.createdBy = createdBy;
        this.createdAt = now;
        this.updatedAt = now;
    }

    public WeeklySchedule schedule() {
        return new WeeklySchedule(days, LocalTime.parse(time));
    }

    public ZoneId zone() {
        return ZoneId.of(teamZone);
    }

    public Duration reminderDelay() {
        return Duration.ofMinutes(reminderMinutes);
    }

    public Duration cutoff() {
        return Duration.ofMinutes(cutoffMinutes);
    }

    public String getId() {
        return id;
    }

    public TenantRef getTenant() {
        return tenant;
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public Destination.Channel getReportChannel() {
        return reportChannel;
    }

    public void setReportChannel(Destination.Channel reportChannel) {
        this.reportChannel = reportChannel;
    }

    public Destination.Channel getMirrorChannel() {
        return mirrorChannel;
    }

    public void setMirrorChannel(Destination.Channel mirrorChannel) {
        this.mirrorChannel = mirrorChannel;
    }

    public Destination getBlockersTo() {
        return blockersTo;
    }

    public void setBlockersTo(Destination blockersTo) {
        this.blockersTo = blockersTo;
    }

    public List<UserRef> getParticipants() {
        return participants;
    }

    public void setParticipants(List<UserRef> participants) {
        this.participants = new ArrayList<>(participants);
    }

    public Destination.Channel getMembersOf() {
        return membersOf;
    }

    public void setMembersOf(Destination.Channel membersOf) {
        this.membersOf = membersOf;
    }

    public Set<DayOfWeek> getDays() {
        return days;
    }

    public void setDays(Set<DayOfWeek> days) {
        this.days = EnumSet.copyOf(days);
    }

    public String getTime() {
        return time;
    }

    public void setTime(LocalTime time) {
        this.time = time.toString();
    }

    public ZoneMode getZoneMode() {
        return zoneMode;
    }

    public void setZoneMode(ZoneMode zoneMode) {
        this.zoneMode = zoneMode;
    }

    public String getTeamZone() {
        return teamZone;
    }

    public void setTeamZone(ZoneId zone) {
        this.teamZone = zone.getId();
    }

    public List<Question> getQuestions() {
        return questions;
    }

    public void setQuestions(List<Question> questions) {
        this.questions = new ArrayList<>(questions);
    }

    public int getReminderMinutes() {
        return reminderMinutes;
    }

    public void setReminderMinutes(int reminderMinutes) {
        this.reminderMinutes = reminderMinutes;
    }

    public int getCutoffMinutes() {
        return cutoffMinutes;
    }

    public void setCutoffMinutes(int cutoffMinutes) {
        this.cutoffMinutes = cutoffMinutes;
    }

    public int getEarlyHours() {
        return earlyHours;
    }

    public void setEarlyHours(int earlyHours) {
        this.earlyHours = earlyHours;
    }

    public List<LocalDate> getHolidays() {
        return holidays;
    }

    public void setHolidays(List<LocalDate> holidays) {
        this.holidays = new ArrayList<>(holidays);
    }

    public boolean isPaused() {
        return paused;
    }

    public void setPaused(boolean paused) {
        this.paused = paused;
    }

    public List<UserRef> getManagers() {
        return managers == null ? List.of() : managers;
    }

    public void setManagers(List<UserRef> managers) {
        this.managers = new ArrayList<>(managers);
    }

    public UserRef getCreatedBy() {
        return createdBy;
    }

    public Instant getUpdatedAt() {
        return updatedAt;
    }

    public void setUpdatedAt(Instant updatedAt) {
        this.updatedAt = updatedAt;
    }
}
