package io.opsbot.core.okr;

import io.opsbot.core.audit.Actor;
import io.opsbot.core.audit.AuditLog;
import io.opsbot.core.gateway.Destination;
import io.opsbot.core.people.ProfileService;
import io.opsbot.core.people.Profiles;
import io.opsbot.core.tenant.TenantRef;
import io.opsbot.core.tenant.UserRef;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Service;

import java.time.Clock;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Reads and changes a tenant's OKR settings (who may is declared by the commands that change them) and gives each
 * owner's cadence.
 */
@Service
public class OkrSettingsService {

    private final OkrSettingsRepository repository;
    private final MongoTemplate mongo;
    private final ProfileService profiles;
    private final ApplicationEventPublisher events;
    private final AuditLog audit;
    private final Clock clock;

    public OkrSettingsService(OkrSettingsRepository repository, MongoTemplate mongo, ProfileService profiles,
                              ApplicationEventPublisher events, AuditLog audit, Clock clock) {
        this.repository = repository;
        this.mongo = mongo;
        this.profiles = profiles;
        this.events = events;
        this.audit = audit;
        this.clock = clock;
    }

    public OkrSettings get(TenantRef tenant) {
        return repository.findById(tenant.key()).orElseGet(() -> new OkrSettings(tenant));
    }

    /** Every tenant that has chosen something. */
    public List<OkrSettings> all() {
        return repository.findAll();
    }

    public Optional<Destination.Channel> channel(TenantRef tenant) {
        return Optional.ofNullable(get(tenant).getChannel());
    }

    /** The owner's check-in week: the tenant's weekday and time in the owner's zone (else the tenant's zone). */
    public Cadence cadenceFor(UserRef owner) {
        OkrSettings settings = get(owner.tenant());
        return cadence(settings, profiles.zone(owner, settings.zoneId()));
    }

    /** {@link #cadenceFor} of each of these people of the settings' tenant, their profiles read at once. */
    Map<UserRef, Cadence> cadencesFor(OkrSettings settings, List<UserRef> owners) {
        Profiles people = profiles.profiles(owners);
        Map<UserRef, Cadence> cadences = new LinkedHashMap<>();
        owners.forEach(owner -> cadences.put(owner, cadenceFor(owner, settings, people)));
        return cadences;
    }

    /** {@link #cadenceFor} with the tenant's settings and the owner's profile already read (a report of many). */
    static Cadence cadenceFor(UserRef owner, OkrSettings settings, Profiles people) {
        return cadence(settings, people.zone(owner, settings.zoneId()));
    }

    private static Cadence cadence(OkrSettings settings, ZoneId zone) {
        return new Cadence(settings.cadence(), zone, settings.getCheckInEvery(), settings.getCheckInAnchor());
    }

    /** Today in the tenant's zone. */
    public LocalDate today(TenantRef tenant) {
        return LocalDate.now(clock.withZone(get(tenant).zoneId()));
    }

    public OkrSettings setCadence(Actor by, DayOfWeek day, LocalTime time) {
        return setWeekly(by, "settings.okr-cadence", "checkIn", s -> when(s.getCheckInDay(), s.getCheckInTime()), day,
                time);
    }

    /**
     * How often: weekly, every other week (counted from the next such weekday in the tenant's zone, which prompts) or
     * monthly (the first such weekday), at the cadence's day and time.
     */
    public OkrSettings setEvery(Actor by, CheckInEvery every) {
        OkrSettings before = get(by.user().tenant());
        LocalDate anchor = today(by.user().tenant());
        while (anchor.getDayOfWeek() != before.getCheckInDay()) {
            anchor = anchor.plusDays(1);
        }
        OkrSettings after = change(by, new Update().set("checkInEvery", every).set("checkInAnchor", anchor));
        audit.record(by, "settings.okr-every", "okr", before.getCheckInEvery().name().toLowerCase(Locale.ROOT),
                every.name().toLowerCase(Locale.ROOT));
        return after;
    }

    public OkrSettings setDigest(Actor by, DayOfWeek day, LocalTime time) {
        return setWeekly(by, "settings.okr-digest", "digest", s -> when(s.getDigestDay(), s.getDigestTime()), day,
                time);
    }

    /** Sets {@code <field>Day} and {@code <field>Time}, audited as {@code action} with what {@code shown} was. */
    private OkrSettings setWeekly(Actor by, String action, String field, Function<OkrSettings, String> shown,
                                  DayOfWeek day, LocalTime time) {
        String before = shown.apply(get(by.user().tenant()));
        OkrSettings after = change(by, new Update().set(field + "Day", day).set(field + "Time", time));
        audit.record(by, action, "okr", before, shown.apply(after));
        return after;
    }

    public OkrSettings setZone(Actor by, ZoneId zone) {
        String before = get(by.user().tenant()).getZone();
        OkrSettings after = change(by, new Update().set("zone", zone.getId()));
        audit.record(by, "settings.okr-zone", "okr", before, zone.getId());
        return after;
    }

    public OkrSettings setChannel(Actor by, Destination.Channel channel) {
        Destination.Channel before = get(by.user().tenant()).getChannel();
        OkrSettings after = change(by, new Update().set("channel", channel));
        audit.record(by, "settings.okr-channel", "okr", before == null ? null : before.channelId(),
                channel.channelId());
        return after;
    }

    /** The digest is also posted in {@code mirror} (null: no longer). */
    public OkrSettings setMirror(Actor by, Destination.Channel mirror) {
        Destination.Channel before = get(by.user().tenant()).getMirror();
        OkrSettings after = change(by, new Update().set("mirror", mirror));
        audit.record(by, "settings.okr-mirror", "okr", before == null ? null : describe(before),
                mirror == null ? null : describe(mirror));
        return after;
    }

    private static String describe(Destination.Channel channel) {
        return channel.platform().displayName() + " " + channel.channelId();
    }

    private static String when(DayOfWeek day, LocalTime time) {
        return day.name().toLowerCase(Locale.ROOT) + " " + time;
    }

    private OkrSettings change(Actor by, Update update) {
        TenantRef tenant = by.user().tenant();
        mongo.upsert(Query.query(Criteria.where("_id").is(tenant.key())),
                update.setOnInsert("tenant", tenant).set("updatedAt", clock.instant()), OkrSettings.class);
        events.publishEvent(new OkrScheduleChanged(tenant));
        return get(tenant);
    }
}
