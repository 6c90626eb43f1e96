package io.opsbot.dashboard.session;

import com.mongodb.client.model.ReplaceOptions;
import org.bson.Document;
import org.bson.types.Binary;
import org.springframework.core.serializer.support.DeserializingConverter;
import org.springframework.core.serializer.support.SerializingConverter;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.session.MapSession;
import org.springframework.session.SessionRepository;

import java.time.Clock;
import java.time.Duration;
import java.util.Date;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Spring Session's sessions in a MongoDB collection, one document per session: its times, when it expires (a TTL
 * index removes it then) and its attributes serialised with Java serialisation (the security context, the OAuth
 * state), read back with the application's class loader. A session renamed on sign-in (fixation protection) is
 * written under its new id and the old document removed. Two instances see the same sessions; the last write of a
 * session wins, which is all a signed-in browser needs.
 */
public class MongoSessionRepository implements SessionRepository<MapSession> {

    public static final String COLLECTION = "dashboard_sessions";

    private final MongoTemplate mongo;
    private final Duration timeout;
    private final Clock clock;
    private final SerializingConverter serializer = new SerializingConverter();
    private final DeserializingConverter deserializer;

    public MongoSessionRepository(MongoTemplate mongo, Duration timeout, Clock clock, ClassLoader classLoader) {
        this.mongo = mongo;
        this.timeout = timeout;
        this.clock = clock;
        this.deserializer = new DeserializingConverter(classLoader);
    }

    /** The index that deletes expired sessions (MongoDB runs it about once a minute; reads check expiry too). */
    public void createIndexes() {
        mongo.indexOps(COLLECTION).createIndex(new Index("expireAt", Sort.Direction.ASC)
                .named("expire_at_ttl").expire(0, TimeUnit.SECONDS));
    }

    @Override
    public MapSession createSession() {
        MapSession session = new MapSession();
        session.setCreationTime(clock.instant());
        session.setLastAccessedTime(clock.instant());
        session.setMaxInactiveInterval(timeout);
        return session;
    }

    @Override
    public void save(MapSession session) {
        if (!session.getId().equals(session.getOriginalId())) {
            deleteById(session.getOriginalId());
        }
        Map<String, Object> attributes = new HashMap<>();
        session.getAttributeNames().forEach(name -> attributes.put(name, session.getAttribute(name)));
        Document document = new Document("_id", session.getId())
                .append("createdAt", Date.from(session.getCreationTime()))
                .append("lastAccessedAt", Date.from(session.getLastAccessedTime()))
                .append("maxInactiveSeconds", session.getMaxInactiveInterval().toSeconds())
                .append("expireAt", Date.from(session.getLastAccessedTime().plus(session.getMaxInactiveInterval())))
                .append("attributes", new Binary(serializer.convert(attributes)));
        mongo.getCollection(COLLECTION).replaceOne(new Document("_id", session.getId()), document,
                new ReplaceOptions().upsert(true));
    }

    @Override
    public MapSession findById(String id) {
        Document document = mongo.getCollection(COLLECTION).find(new Document("_id", id)).first();
        if (document == null) {
            return null;
        }
        MapSession session = new MapSession(id);
        session.setCreationTime(document.getDate("createdAt").toInstant());
        session.setLastAccessedTime(document.getDate("lastAccessedAt").toInstant());
        session.setMaxInactiveInterval(Duration.ofSeconds(document.get("maxInactiveSeconds", Number.class)
                .longValue()));
        if (!session.getMaxInactiveInterval().isNegative()
            && session.getLastAccessedTime().plus(session.getMaxInactiveInterval()).isBefore(clock.instant())) {
            deleteById(id);
            return null;
        }
        Object attributes;
        try {
            attributes = deserializer.convert(document.get("attributes", Binary.class).getData());
        } catch (RuntimeException unreadable) {
            // Written by another version of the application: the person signs in again.
            deleteById(id);
            return null;
        }
        if (attributes instanceof Map<?, ?> map) {
            map.forEach((name, value) -> session.setAttribute((String) name, value));
        }
        return session;
    }

    @Override
    public void deleteById(String id) {
        mongo.remove(Query.query(Criteria.where("_id").is(id)), COLLECTION);
    }
}
