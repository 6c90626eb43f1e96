package io.opsbot.teams.people;

import io.opsbot.core.tenant.TenantRef;
import io.opsbot.core.storage.Unjournaled;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.BulkOperations;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Service;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The people the Teams adapter has met, by Entra object id: from their own activities (name, Teams user id, client
 * time zone) and from team rosters (name, Teams user id). Every write is an upsert of the fields just seen.
 */
@Service
public class TeamsPeople {

    /** The same facts about the same person are written at most this often, so busy chats do not write each time. */
    static final Duration SEEN_REFRESH = Duration.ofHours(6);

    /** One person as a roster lists them. */
    public record Member(String aadObjectId, String teamsUserId, String name) {
    }

    private final MongoTemplate mongo;
    private final Clock clock;
    private final Map<String, Instant> recentlySeen = new ConcurrentHashMap<>();

    public TeamsPeople(MongoTemplate mongo, Clock clock) {
        this.mongo = mongo;
        this.clock = clock;
    }

    public Optional<TeamsPerson> find(TenantRef tenant, String aadObjectId) {
        return Optional.ofNullable(mongo.findById(TeamsPerson.key(tenant, aadObjectId), TeamsPerson.class));
    }

    /** People of the tenant with a name (from their activities or a roster), most recently updated first. */
    public List<TeamsPerson> known(TenantRef tenant, int limit) {
        return mongo.find(Query.query(Criteria.where("tenant").is(tenant).and("name").ne(null))
                .with(Sort.by(Sort.Direction.DESC, "updatedAt")).limit(limit), TeamsPerson.class);
    }

    /**
     * A person did something (a message, a click). {@code clientZone} is what their Teams client reported, or null;
     * a missing one leaves the last reported zone in place.
     */
    public void seen(TenantRef tenant, String aadObjectId, String teamsUserId, String name, ZoneId clientZone) {
        if (aadObjectId == null || aadObjectId.isBlank()) {
            return;
        }
        Instant now = clock.instant();
        String facts = TeamsPerson.key(tenant, aadObjectId) + "|" + teamsUserId + "|" + name + "|" + clientZone;
        Instant last = recentlySeen.get(facts);
        if (last != null && last.plus(SEEN_REFRESH).isAfter(now)) {
            return;
        }
        Update update = new Update().setOnInsert("tenant", tenant).setOnInsert("aadObjectId", aadObjectId)
                .set("updatedAt", now);
        setIfPresent(update, "teamsUserId", teamsUserId);
        setIfPresent(update, "name", name);
        if (clientZone != null) {
            update.set("clientZone", clientZone.getId()).set("clientZoneAt", now);
        }
        // Not waited on to reach the disk: facts lost in a crash are written again at the person's next activity
        // (this instance's memory of having written them goes with the crash).
        Unjournaled.write(() -> mongo.upsert(byId(tenant, aadObjectId), update, TeamsPerson.class));
        recentlySeen.put(facts, now);
    }

    /** People listed in a roster: their names and Teams ids are stored; only new or changed ones are written. */
    public void learned(TenantRef tenant, List<Member> members) {
        if (members.isEmpty()) {
            return;
        }
        List<String> keys = members.stream().map(m -> TeamsPerson.key(tenant, m.aadObjectId())).toList();
        Map<String, TeamsPerson> known = mongo.find(Query.query(Criteria.where("_id").in(keys)), TeamsPerson.class)
                .stream().collect(Collectors.toMap(TeamsPerson::getId, Function.identity()));
        Instant now = clock.instant();
        BulkOperations bulk = mongo.bulkOps(BulkOperations.BulkMode.UNORDERED, TeamsPerson.class);
        int writes = 0;
        for (Member member : members) {
            TeamsPerson person = known.get(TeamsPerson.key(tenant, member.aadObjectId()));
            boolean changed = person == null
                    || member.name() != null && !member.name().equals(person.getName())
                    || member.teamsUserId() != null && !member.teamsUserId().equals(person.getTeamsUserId());
            if (!changed) {
                continue;
            }
            Update update = new Update().setOnInsert("tenant", tenant).setOnInsert("aadObjectId", member.aadObjectId())
                    .set("updatedAt", now);
            setIfPresent(update, "teamsUserId", member.teamsUserId());
            setIfPresent(update, "name", member.name());
            bulk.upsert(byId(tenant, member.aadObjectId()), update);
            writes++;
        }
        if (writes > 0) {
            bulk.execute();
        }
    }

    /** A look-up of this person in the bot's teams was made; {@code found} (nullable) is what it found. */
    public void lookedUp(TenantRef tenant, String aadObjectId, Member found) {
        Instant now = clock.instant();
        Update update = new Update().setOnInsert("tenant", tenant).setOnInsert("aadObjectId", aadObjectId)
                .set("lookedUpAt", now);
        if (found != null) {
            setIfPresent(update, "teamsUserId", found.teamsUserId());
            setIfPresent(update, "name", found.name());
            update.set("updatedAt", now);
        }
        mongo.upsert(byId(tenant, aadObjectId), update, TeamsPerson.class);
    }

    private static Query byId(TenantRef tenant, String aadObjectId) {
        return Query.query(Criteria.where("_id").is(TeamsPerson.key(tenant, aadObjectId)));
    }

    private static void setIfPresent(Update update, String field, String value) {
        if (value != null && !value.isBlank()) {
            update.set(field, value);
        }
    }
}
