package io.opsbot.core.people;

import io.opsbot.core.conversation.Invoker;
import io.opsbot.core.conversation.UserError;
import io.opsbot.core.schedule.Zones;
import io.opsbot.core.tenant.Platform;
import io.opsbot.core.storage.Lookups;
import io.opsbot.core.tenant.TenantRef;
import io.opsbot.core.tenant.UserRef;
import io.opsbot.core.storage.Unjournaled;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.domain.Limit;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Service;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** People's names, zones and time off, with the platform directories as the fallback source. */
@Service
public class ProfileService {

    /** Names are refreshed at most this often per person, so busy chats do not write on every message. */
    private static final Duration SEEN_REFRESH = Duration.ofHours(6);
    static final Duration PLATFORM_ZONE_REFRESH = Duration.ofHours(24);

    private final PersonProfileRepository profiles;
    private final MongoTemplate mongo;
    private final Map<Platform, PeopleDirectory> directories = new EnumMap<>(Platform.class);
    private final Map<String, Instant> recentlySeen = new ConcurrentHashMap<>();
    private final Clock clock;

    public ProfileService(PersonProfileRepository profiles, MongoTemplate mongo, List<PeopleDirectory> directories, Clock clock) {
        this.profiles = profiles;
        this.mongo = mongo;
        directories.forEach(d -> this.directories.put(d.platform(), d));
        this.clock = clock;
    }

    public Optional<PersonProfile> find(UserRef user) {
        return profiles.findById(user.key());
    }

    /** Records that a person used the bot, keeping their display name current. */
    public void seen(Invoker invoker) {
        Instant now = clock.instant();
        String cacheKey = invoker.user().key() + "|" + invoker.displayName();
        Instant last = recentlySeen.get(cacheKey);
        if (last != null && last.plus(SEEN_REFRESH).isAfter(now)) {
            return;
        }
        recentlySeen.put(cacheKey, now);
        // Not waited on to reach the disk: a name or time lost in a crash is written again at the next use (this
        // instance's memory of having written it goes with the crash).
        Unjournaled.write(() -> mongo.upsert(Query.query(Criteria.where("_id").is(invoker.user().key())),
                new Update().setOnInsert("user", invoker.user()).set("displayName", invoker.displayName())
                        .set("lastSeen", now), PersonProfile.class));
    }

    /** People of a tenant the bot has met, most recent first: what a people picker without a directory offers. */
    public List<PersonProfile> knownPeople(TenantRef tenant, int limit) {
        return profiles.findByUserTenantOrderByLastSeenDesc(tenant, Limit.of(limit));
    }

    /** The profiles of these people in one read by id, for a list or report of many. */
    public Profiles profiles(Collection<UserRef> users) {
        return new Profiles(this, Lookups.byIds(mongo, users.stream().map(UserRef::key).toList(), PersonProfile.class,
                PersonProfile::getId));
    }

    public String displayName(UserRef user) {
        return displayName(user, find(user));
    }

    String displayName(UserRef user, Optional<PersonProfile> profile) {
        return profile.map(PersonProfile::getDisplayName)
                .or(() -> directory(user).flatMap(d -> d.displayName(user)))
                .orElse(user.userId());
    }

    /** The zone to use for a person: the one they set, else their platform profile's, else the fallback. */
    public ZoneId zone(UserRef user, ZoneId fallback) {
        return zone(user, find(user), fallback);
    }

    ZoneId zone(UserRef user, Optional<PersonProfile> profile, ZoneId fallback) {
        Optional<ZoneId> chosen = profile.map(PersonProfile::getZone).map(ZoneId::of);
        return chosen.or(() -> platformZone(user, profile)).orElse(fallback);
    }

    /** The platform's zone for a person, asked at most once a day and remembered (also when it has none). */
    private Optional<ZoneId> platformZone(UserRef user, Optional<PersonProfile> profile) {
        Instant now = clock.instant();
        if (profile.isPresent() && profile.get().getPlatformZoneCheckedAt() != null
                && profile.get().getPlatformZoneCheckedAt().plus(PLATFORM_ZONE_REFRESH).isAfter(now)) {
            return Optional.ofNullable(profile.get().getPlatformZone()).map(ZoneId::of);
        }
        Optional<PeopleDirectory> directory = directory(user);
        if (directory.isEmpty()) {
            return Optional.empty();
        }
        Optional<ZoneId> zone = directory.get().zone(user);
        Update update = new Update().set("platformZoneCheckedAt", now);
        if (zone.isPresent()) {
            update.set("platformZone", zone.get().getId());
        } else {
            update.unset("platformZone");
        }
        upsert(user, update);
        return zone;
    }

    /** The zone the person set themselves, if any. */
    public Optional<ZoneId> chosenZone(UserRef user) {
        return find(user).map(PersonProfile::getZone).map(ZoneId::of);
    }

    public ZoneId setZone(UserRef user, String zoneId) {
        ZoneId zone = parseZone(zoneId);
        upsert(user, new Update().set("zone", zone.getId()));
        return zone;
    }

    public List<DateRange> addOutOfOffice(UserRef user, DateRange range) {
        return upsert(user, new Update().push("outOfOffice", range)).getOutOfOffice();
    }

    public void clearOutOfOffice(UserRef user) {
        upsert(user, new Update().set("outOfOffice", List.of()));
    }

    /** Out of office on that date. */
    public boolean isAway(UserRef user, LocalDate date) {
        return isAway(find(user), date);
    }

    static boolean isAway(Optional<PersonProfile> profile, LocalDate date) {
        return profile.map(p -> p.getOutOfOffice().stream().anyMatch(r -> r.contains(date))).orElse(false);
    }

    public Optional<PeopleDirectory> directory(UserRef user) {
        return Optional.ofNullable(directories.get(user.platform()));
    }

    public Optional<PeopleDirectory> directory(Platform platform) {
        return Optional.ofNullable(directories.get(platform));
    }

    /** Reads an IANA zone id ({@code Europe/Berlin}); offsets and abbreviations are refused, they ignore DST. */
    /** The zone named, or a {@link UserError} saying what to type instead ({@link Zones#parse}). */
    public static ZoneId parseZone(String zoneId) {
        try {
            return Zones.parse(zoneId);
        } catch (IllegalArgumentException e) {
            throw new UserError(e.getMessage());
        }
    }

    private PersonProfile upsert(UserRef user, Update update) {
        return mongo.findAndModify(Query.query(Criteria.where("_id").is(user.key())),
                update.setOnInsert("user", user), FindAndModifyOptions.options().upsert(true).returnNew(true),
                PersonProfile.class);
    }
}
