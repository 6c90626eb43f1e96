package io.opsbot.core.okr;

import io.opsbot.core.conversation.UserError;
import io.opsbot.core.gateway.Destination;
import io.opsbot.core.people.ProfileService;
import io.opsbot.core.settings.TenantSettingsService;
import io.opsbot.core.tenant.TenantRef;
import io.opsbot.core.tenant.UserRef;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Service;

import java.time.Clock;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

/** Reads and changes a tenant's OKR settings (changes need an admin) and gives each owner's cadence. */
@Service
public class OkrSettingsService {

    private final MongoTemplate mongo;
    private final TenantSettingsService tenantSettings;
    private final ProfileService profiles;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    public OkrSettingsService(MongoTemplate mongo, TenantSettingsService tenantSettings, ProfileService profiles,
                              ApplicationEventPublisher events, Clock clock) {
        this.mongo = mongo;
        this.tenantSettings = tenantSettings;
        this.profiles = profiles;
        this.events = events;
        this.clock = clock;
    }

    public OkrSettings get(TenantRef tenant) {
        OkrSettings found = mongo.findById(tenant.key(), OkrSettings.class);
        return found != null ? found : new OkrSettings(tenant);
    }

    /** Every tenant that has chosen something. */
    public List<OkrSettings> all() {
        return mongo.findAll(OkrSettings.class);
    }

    public Optional<Destination.Channel> channel(TenantRef tenant) {
        return Optional.ofNullable(get(tenant).getChannel());
    }

    /** The owner's check-in week: the tenant's weekday and time in the owner's zone (else the tenant's zone). */
    public Cadence cadenceFor(UserRef owner) {
        OkrSettings settings = get(owner.tenant());
        return new Cadence(settings.cadence(), profiles.zone(owner, settings.zoneId()));
    }

    /** Today in the tenant's zone. */
    public LocalDate today(TenantRef tenant) {
        return LocalDate.now(clock.withZone(get(tenant).zoneId()));
    }

    public OkrSettings setCadence(UserRef actor, DayOfWeek day, LocalTime time) {
        return change(actor, new Update().set("checkInDay", day).set("checkInTime", time));
    }

    public OkrSettings setDigest(UserRef actor, DayOfWeek day, LocalTime time) {
        return change(actor, new Update().set("digestDay", day).set("digestTime", time));
    }

    public OkrSettings setZone(UserRef actor, String zoneId) {
        ZoneId zone;
        try {
            zone = ZoneId.of(zoneId.strip());
        } catch (DateTimeException e) {
            throw new UserError("\"" + zoneId.strip() + "\" is not a time zone. Use an IANA name such as "
                    + "Europe/Berlin or America/New_York.");
        }
        return change(actor, new Update().set("zone", zone.getId()));
    }

    public OkrSettings setChannel(UserRef actor, Destination.Channel channel) {
        return change(actor, new Update().set("channel", channel));
    }

    /** Like {@link #requireAdmin}, but changes nothing (the first person is not made admin yet). */
    public void checkAdmin(UserRef actor) {
        tenantSettings.checkAdmin(actor);
    }

    /** Throws unless the person may change OKRs here (the tenant's admin rule). */
    public void requireAdmin(UserRef actor) {
        tenantSettings.requireAdmin(actor);
    }

    public boolean isAdmin(UserRef user) {
        return tenantSettings.isAdmin(user);
    }

    private OkrSettings change(UserRef actor, Update update) {
        requireAdmin(actor);
        TenantRef tenant = actor.tenant();
        mongo.upsert(Query.query(Criteria.where("_id").is(tenant.key())),
                update.setOnInsert("tenant", tenant).set("updatedAt", clock.instant()), OkrSettings.class);
        events.publishEvent(new OkrScheduleChanged(tenant));
        return get(tenant);
    }
}
