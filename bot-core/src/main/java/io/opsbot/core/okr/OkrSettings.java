package io.opsbot.core.okr;

import io.opsbot.core.gateway.Destination;
import io.opsbot.core.schedule.WeeklySchedule;
import io.opsbot.core.tenant.TenantRef;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Set;

/**
 * A tenant's OKR choices: when owners are asked to check in (a weekday and local time, in each owner's own zone),
 * the zone used for owners whose zone is unknown, the channel for alerts and the weekly digest, and when the digest
 * goes out (in that zone). One document per tenant; missing means the defaults.
 */
@Document(OkrSettings.COLLECTION)
public class OkrSettings {

    public static final String COLLECTION = "okr_settings";
    public static final DayOfWeek DEFAULT_DAY = DayOfWeek.FRIDAY;
    public static final LocalTime DEFAULT_TIME = LocalTime.of(15, 0);
    public static final DayOfWeek DEFAULT_DIGEST_DAY = DayOfWeek.MONDAY;
    public static final LocalTime DEFAULT_DIGEST_TIME = LocalTime.of(12, 0);
    public static final String DEFAULT_ZONE = "UTC";

    @Id
    private String id;
    private TenantRef tenant;
    private DayOfWeek checkInDay = DEFAULT_DAY;
    private LocalTime checkInTime = DEFAULT_TIME;
    /** Null in documents from before other cadences existed: weekly. */
    private CheckInEvery checkInEvery;
    /** A date in a week that prompts, for every other week. */
    private LocalDate checkInAnchor;
    private String zone = DEFAULT_ZONE;
    private DayOfWeek digestDay = DEFAULT_DIGEST_DAY;
    private LocalTime digestTime = DEFAULT_DIGEST_TIME;
    private Destination.Channel channel;
    /** A second channel, maybe on the other platform, that gets the digest too (not the alerts); null for none. */
    private Destination.Channel mirror;
    private Instant updatedAt;

    protected OkrSettings() {
    }

    OkrSettings(TenantRef tenant) {
        this.id = tenant.key();
        this.tenant = tenant;
    }

    public WeeklySchedule cadence() {
        return new WeeklySchedule(Set.of(checkInDay), checkInTime);
    }

    public WeeklySchedule digest() {
        return new WeeklySchedule(Set.of(digestDay), digestTime);
    }

    public ZoneId zoneId() {
        return ZoneId.of(zone);
    }

    public String getId() {
        return id;
    }

    public TenantRef getTenant() {
        return tenant;
    }

    public DayOfWeek getCheckInDay() {
        return checkInDay;
    }

    public LocalTime getCheckInTime() {
        return checkInTime;
    }

    public CheckInEvery getCheckInEvery() {
        return checkInEvery == null ? CheckInEvery.WEEKLY : checkInEvery;
    }

    public LocalDate getCheckInAnchor() {
        return checkInAnchor;
    }

    public String getZone() {
        return zone;
    }

    public DayOfWeek getDigestDay() {
        return digestDay;
    }

    public LocalTime getDigestTime() {
        return digestTime;
    }

    public Destination.Channel getChannel() {
        return channel;
    }

    public Destination.Channel getMirror() {
        return mirror;
    }

    public Instant getUpdatedAt() {
        return updatedAt;
    }
}
