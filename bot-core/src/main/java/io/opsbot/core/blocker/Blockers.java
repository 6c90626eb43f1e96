package io.opsbot.core.blocker;

import io.opsbot.core.conversation.UserError;
import io.opsbot.core.delivery.Outbox;
import io.opsbot.core.gateway.Destination;
import io.opsbot.core.identity.IdentityLinks;
import io.opsbot.core.reference.Reference;
import io.opsbot.core.sequence.SequenceService;
import io.opsbot.core.tenant.TenantRef;
import io.opsbot.core.tenant.UserRef;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Service;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Raises, finds and resolves blockers. A blocker naming a key result of its tenant is linked to it, and the key
 * result's owner is told at once in a DM, claimed in the outbox under the blocker's id so they hear of it once.
 */
@Service
public class Blockers {

    private final MongoTemplate mongo;
    private final SequenceService sequences;
    private final Outbox outbox;
    private final IdentityLinks links;
    /** Lazily: the features answering these use this service themselves. */
    private final ObjectProvider<KeyResultLinks> keyResults;
    private final ObjectProvider<BlockerSource> sources;
    private final Clock clock;

    public Blockers(MongoTemplate mongo, SequenceService sequences, Outbox outbox, IdentityLinks links,
                    ObjectProvider<KeyResultLinks> keyResults, ObjectProvider<BlockerSource> sources, Clock clock) {
        this.mongo = mongo;
        this.sequences = sequences;
        this.outbox = outbox;
        this.links = links;
        this.keyResults = keyResults;
        this.sources = sources;
        this.clock = clock;
    }

    /**
     * Records a blocker once. The same text as one of the author's open blockers in this ritual is that blocker,
     * carried over, not a new one.
     */
    public Blocker raise(Blocker.Raised raised) {
        String text = raised.text().strip();
        Optional<Blocker> same = openOf(raised.author(), raised.sourceId()).stream()
                .filter(b -> normal(b.getText()).equals(normal(text))).findFirst();
        if (same.isPresent()) {
            return same.get();
        }
        // Derived from the occurrence and the text, so raising it again finds it; fit for a button's value.
        String id = UUID.nameUUIDFromBytes((raised.occurrence() + "\n" + normal(text))
                .getBytes(StandardCharsets.UTF_8)).toString();
        Blocker known = mongo.findById(id, Blocker.class);
        if (known != null) {
            return known;
        }
        TenantRef tenant = raised.tenant();
        KeyResultLinks.Linked kr = Optional.ofNullable(keyResults.getIfAvailable())
                .flatMap(k -> k.mentionedIn(tenant, text)).orElse(null);
        Blocker blocker;
        try {
            blocker = mongo.insert(new Blocker(id, sequences.next("blocker:" + tenant.key()), raised, kr,
                    clock.instant()));
        } catch (DuplicateKeyException raced) {
            return mongo.findById(id, Blocker.class);
        }
        if (kr != null && !kr.owner().equals(raised.author())) {
            outbox.enqueue("blocker-kr:" + blocker.getId(), new Destination.Direct(links.reachAt(kr.owner())),
                    BlockerCards.toKeyResultOwner(blocker), null);
        }
        return blocker;
    }

    /** An edited answer no longer names these: the blockers raised with it and not among {@code still} go. */
    public void withdrawOthers(String occurrence, Collection<String> still) {
        List<String> kept = still.stream().map(Blockers::normal).toList();
        for (Blocker b : mongo.find(Query.query(Criteria.where("occurrence").is(occurrence)
                .and("resolvedAt").is(null)), Blocker.class)) {
            if (!kept.contains(normal(b.getText()))) {
                mongo.remove(Query.query(Criteria.where("_id").is(b.getId())), Blocker.class);
            }
        }
    }

    /** A person's open blockers in one ritual, oldest first. */
    public List<Blocker> openOf(UserRef author, String sourceId) {
        return mongo.find(Query.query(Criteria.where("author").is(author).and("sourceId").is(sourceId)
                .and("resolvedAt").is(null)).with(Sort.by("raisedAt", "number")), Blocker.class);
    }

    /** A ritual's open blockers raised before a day: what that day carries over. */
    public List<Blocker> carriedInto(String sourceId, LocalDate day) {
        return mongo.find(Query.query(Criteria.where("sourceId").is(sourceId).and("resolvedAt").is(null)
                .and("raisedOn").lt(day)).with(Sort.by("raisedOn", "number")), Blocker.class);
    }

    /** The open blockers linked to a key result, oldest first. */
    public List<Blocker> openOn(TenantRef tenant, String keyResultId) {
        return openOn(tenant, List.of(keyResultId)).getOrDefault(keyResultId, List.of());
    }

    /** {@link #openOn(TenantRef, String)} for several key results in one read, by key result id. */
    public Map<String, List<Blocker>> openOn(TenantRef tenant, Collection<String> keyResultIds) {
        Map<String, List<Blocker>> byKeyResult = new HashMap<>();
        if (!keyResultIds.isEmpty()) {
            mongo.find(Query.query(Criteria.where("keyResultId").in(keyResultIds).and("tenant").is(tenant)
                            .and("resolvedAt").is(null)).with(Sort.by("raisedAt", "number")), Blocker.class)
                    .forEach(b -> byKeyResult.computeIfAbsent(b.getKeyResultId(), k -> new ArrayList<>()).add(b));
        }
        return byKeyResult;
    }

    /** By its number, {@code BL-4}, only within the tenant. */
    public Optional<Blocker> find(TenantRef tenant, Reference reference) {
        return reference.is(Blocker.KIND) ? Optional.ofNullable(mongo.findOne(Query.query(
                Criteria.where("tenant").is(tenant).and("number").is(reference.number())), Blocker.class))
                : Optional.empty();
    }

    /**
     * Marks it resolved, by its author (on either linked identity) or someone the ritual lets. Resolving twice is
     * harmless; the second finds it done.
     */
    public Blocker resolve(UserRef user, String blockerId) {
        Blocker blocker = Optional.ofNullable(blockerId == null ? null : mongo.findById(blockerId, Blocker.class))
                .filter(b -> isAuthor(user, b) || links.in(b.getTenant(), user).isPresent())
                .orElseThrow(() -> new UserError("That blocker no longer exists."));
        // Each look-up may read the person's identity link: asked once.
        boolean author = isAuthor(user, blocker);
        UserRef me = author ? blocker.getAuthor() : links.in(blocker.getTenant(), user).orElseThrow();
        if (!blocker.open()) {
            return blocker;
        }
        BlockerSource source = sources.orderedStream().filter(s -> s.ritual().equals(blocker.getRitual()))
                .findFirst().orElse(null);
        if (!author) {
            if (source == null) {
                throw new UserError("Only " + blocker.getAuthorName() + " can mark " + blocker.reference()
                        + " resolved.");
            }
            source.requireMayResolveFor(me, blocker);
        }
        boolean changed = mongo.updateFirst(Query.query(Criteria.where("_id").is(blocker.getId())
                        .and("resolvedAt").is(null)), new Update().set("resolvedAt", clock.instant())
                        .set("resolvedBy", me), Blocker.class).getModifiedCount() == 1;
        Blocker now = mongo.findById(blocker.getId(), Blocker.class);
        if (changed && source != null) {
            source.resolved(now);
        }
        return now;
    }

    /** The author, on the identity they raised it with or their linked one. */
    private boolean isAuthor(UserRef user, Blocker b) {
        return links.in(b.getAuthor().tenant(), user).filter(b.getAuthor()::equals).isPresent();
    }

    private static String normal(String text) {
        return text == null ? "" : text.strip().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
    }
}
