package io.opsbot.core.okr;

import io.opsbot.core.gateway.Destination;
import io.opsbot.core.people.ProfileService;
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
import java.util.List;
import java.util.Optional;

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
    private final Clock clock;

    public OkrSettingsService(OkrSettingsRepository repository, MongoTemplate mongo, ProfileService profiles,
                              ApplicationEventPublisher events, Clock clock) {
        this.repository = repository;
        this.mongo = mongo;
        this.profiles = profiles;
        this.events = events;
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
        return new Cadence(settings.cadence(), profiles.zone(owner, settings.zoneId()));
    }

    /** Today in the tenant's zone. */
    public LocalDate today(TenantRef tenant) {
        return LocalDate.now(clock.withZone(get(tenant).zoneId()));
    }

    public OkrSettings setCadence(TenantRef tenant, DayOfWeek day, LocalTime time) {
        return change(tenant, new Update().set("checkInDay", day).set("checkInTime", time));
    }

    public OkrSettings setDigest(TenantRef tenant, DayOfWeek day, LocalTime time) {
        return change(tenant, new Update().set("digestDay", day).set("digestTime", time));
    }

    public OkrSettings setZone(TenantRef tenant, ZoneId zone) {
        return change(tenant, new Update().set("zone", zone.getId()));
    }

    public OkrSettings setChannel(TenantRef tenant, Destination.Channel channel) {
        return change(tenant, new Update().set("channel", channel));
    }

    private OkrSettings change(TenantRef tenant, Update update) {
        mongo.upsert(Query.query(Criteria.where("_id").is(tenant.key())),
                update.setOnInsert("tenant", tenant).set("updatedAt", clock.instant()), OkrSettings.class);
        events.publishEvent(new OkrScheduleChanged(tenant));
        return get(tenant);
    }
}
