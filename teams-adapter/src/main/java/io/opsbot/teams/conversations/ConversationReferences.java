package io.opsbot.teams.conversations;

import io.opsbot.core.tenant.TenantRef;
import io.opsbot.core.storage.Unjournaled;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Service;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * Stores and finds conversation references. Every write is an upsert of the fields just seen, so two instances (or
 * two activities at once) never lose each other's data.
 */
@Service
public class ConversationReferences {

    private final MongoTemplate mongo;
    private final Clock clock;

    public ConversationReferences(MongoTemplate mongo, Clock clock) {
        this.mongo = mongo;
        this.clock = clock;
    }

    /** What one inbound activity tells about its conversation. {@code userId}/{@code aadObjectId} only for 1:1. */
    public record Seen(TenantRef tenant, String conversationId, String conversationType, String serviceUrl,
                       String botId, String teamId, String userId, String aadObjectId, String name) {
    }

    public TeamsConversation record(Seen seen) {
        return mongo.findAndModify(byId(seen.tenant(), seen.conversationId()), update(seen),
                FindAndModifyOptions.options().upsert(true).returnNew(true), TeamsConversation.class);
    }

    /**
     * As {@link #record}, for an inbound activity, without waiting for the disk ({@link Unjournaled}): every activity
     * records its conversation again, and what handling it stores durably carries this write with it, so a crash
     * loses only what the conversation's next activity records anew.
     */
    public void recordInbound(Seen seen) {
        Unjournaled.write(() -> mongo.upsert(byId(seen.tenant(), seen.conversationId()), update(seen),
                TeamsConversation.class));
    }

    private Update update(Seen seen) {
        Instant now = clock.instant();
        Update update = new Update()
                .setOnInsert("tenant", seen.tenant())
                .setOnInsert("conversationId", seen.conversationId())
                .setOnInsert("createdAt", now)
                .set("serviceUrl", seen.serviceUrl())
                .set("updatedAt", now);
        setIfPresent(update, "conversationType", seen.conversationType());
        setIfPresent(update, "botId", seen.botId());
        setIfPresent(update, "teamId", seen.teamId());
        setIfPresent(update, "userId", seen.userId());
        setIfPresent(update, "aadObjectId", seen.aadObjectId());
        setIfPresent(update, "name", seen.name());
        return update;
    }

    public Optional<TeamsConversation> find(TenantRef tenant, String conversationId) {
        return Optional.ofNullable(mongo.findOne(byId(tenant, conversationId), TeamsConversation.class));
    }

    /** The 1:1 chat between the bot and this person, by Teams user id or Entra object id. */
    public Optional<TeamsConversation> personal(TenantRef tenant, String userId) {
        Query query = Query.query(Criteria.where("tenant").is(tenant).and("conversationType")
                        .is(TeamsConversation.PERSONAL)
                        .orOperator(Criteria.where("userId").is(userId), Criteria.where("aadObjectId").is(userId)))
                .with(Sort.by(Sort.Direction.DESC, "updatedAt")).limit(1);
        return Optional.ofNullable(mongo.findOne(query, TeamsConversation.class));
    }

    /** Channels and group chats of a tenant the bot is in, most recently active first. */
    public java.util.List<TeamsConversation> channels(TenantRef tenant, int limit) {
        Query query = Query.query(Criteria.where("tenant").is(tenant).and("conversationType")
                        .in(TeamsConversation.CHANNEL, TeamsConversation.GROUP_CHAT))
                .with(Sort.by(Sort.Direction.DESC, "updatedAt")).limit(limit);
        return mongo.find(query, TeamsConversation.class);
    }

    /** The most recently seen conversation of a tenant: its service URL and bot id serve to open new 1:1 chats. */
    public Optional<TeamsConversation> latest(TenantRef tenant) {
        Query query = Query.query(Criteria.where("tenant").is(tenant))
                .with(Sort.by(Sort.Direction.DESC, "updatedAt")).limit(1);
        return Optional.ofNullable(mongo.findOne(query, TeamsConversation.class));
    }

    /** True for the first caller only, until {@link #forgetWelcome} (an uninstall) resets it. */
    public boolean claimWelcome(TenantRef tenant, String conversationId) {
        Query unwelcomed = byId(tenant, conversationId).addCriteria(Criteria.where("welcomedAt").is(null));
        return mongo.findAndModify(unwelcomed, new Update().set("welcomedAt", clock.instant()),
                TeamsConversation.class) != null;
    }

    public void forgetWelcome(TenantRef tenant, String conversationId) {
        mongo.updateFirst(byId(tenant, conversationId), new Update().unset("welcomedAt"), TeamsConversation.class);
    }

    private static Query byId(TenantRef tenant, String conversationId) {
        return Query.query(Criteria.where("_id").is(TeamsConversation.key(tenant, conversationId)));
    }

    private static void setIfPresent(Update update, String field, String value) {
        if (value != null && !value.isBlank()) {
            update.set(field, value);
        }
    }
}
