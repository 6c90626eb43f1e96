package io.opsbot.teams.forms;

import io.opsbot.core.form.Form;
import io.opsbot.core.tenant.TenantRef;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Service;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Guards form cards against double submission. Teams happily delivers two submits of one card (a double click, a
 * retry, two people in a channel), so each submission first claims the card's nonce atomically in MongoDB; only the
 * holder of the claim may submit. A rejected submission releases the claim, so the corrected card can be sent again;
 * an accepted one keeps it for good.
 */
@Service
public class FormCards {

    static final Duration CLAIM_LEASE = Duration.ofMinutes(2);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final MongoTemplate mongo;
    private final Clock clock;

    public FormCards(MongoTemplate mongo, Clock clock) {
        this.mongo = mongo;
        this.clock = clock;
    }

    /** Records a form about to be shown and returns the nonce to put in its submit button. */
    public String open(TenantRef tenant, Form form) {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        String nonce = HexFormat.of().formatHex(bytes);
        mongo.insert(new FormCard(nonce, tenant, form, clock.instant()));
        return nonce;
    }

    /** Outcome of trying to claim a card for one submission. */
    public sealed interface Claim permits Claimed, AlreadySubmitted, Unknown {
    }

    public record Claimed(FormCard card) implements Claim {
    }

    public record AlreadySubmitted() implements Claim {
    }

    /** No such card for this tenant: never shown by this bot, or from another tenant. */
    public record Unknown() implements Claim {
    }

    public Claim claim(TenantRef tenant, String nonce) {
        if (nonce == null || !nonce.matches("[0-9a-f]{32}")) {
            return new Unknown();
        }
        Instant now = clock.instant();
        // A claim older than the lease belongs to a submission that died half-way; it may be taken over.
        Criteria unclaimed = new Criteria().orOperator(Criteria.where("claimedAt").is(null),
                Criteria.where("claimedAt").lt(now.minus(CLAIM_LEASE)));
        Query free = Query.query(Criteria.where("_id").is(nonce).and("tenant").is(tenant).and("acceptedAt").is(null))
                .addCriteria(unclaimed);
        FormCard card = mongo.findAndModify(free, new Update().set("claimedAt", now), FormCard.class);
        if (card != null) {
            return new Claimed(card);
        }
        boolean exists = mongo.exists(Query.query(Criteria.where("_id").is(nonce).and("tenant").is(tenant)),
                FormCard.class);
        return exists ? new AlreadySubmitted() : new Unknown();
    }

    /** The submission was rejected: the card may be submitted again. */
    public void release(String nonce) {
        mongo.updateFirst(Query.query(Criteria.where("_id").is(nonce)), new Update().unset("claimedAt"),
                FormCard.class);
    }

    public void accepted(String nonce) {
        mongo.updateFirst(Query.query(Criteria.where("_id").is(nonce)), new Update().set("acceptedAt", clock.instant()),
                FormCard.class);
    }

    public Optional<FormCard> find(String nonce) {
        return Optional.ofNullable(mongo.findById(nonce, FormCard.class));
    }
}
