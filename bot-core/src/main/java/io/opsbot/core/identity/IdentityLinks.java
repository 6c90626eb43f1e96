package io.opsbot.core.identity;

import io.opsbot.core.conversation.UserError;
import io.opsbot.core.tenant.Platform;
import io.opsbot.core.tenant.TenantRef;
import io.opsbot.core.storage.Lookups;
import io.opsbot.core.tenant.UserRef;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Service;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Links a person's Slack and Teams identities. {@code link} on one platform gives a code; sending it on the other
 * proves both identities belong to the same person. Codes expire after {@link #CODE_LIFETIME}, are used once (taken
 * out of the database by the redeeming request) and are stored only as their hash.
 *
 * <p>This is the only way a record of one tenant reaches another: a ritual of tenant A asks a person of A on their
 * linked identity in tenant B, and that identity sees A's ritual. An identity nobody linked sees nothing of A.
 */
@Service
public class IdentityLinks {

    static final Duration CODE_LIFETIME = Duration.ofMinutes(10);
    /** No 0/O or 1/I/L: read off one screen and typed on another. */
    private static final char[] ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789".toCharArray();
    private static final int CODE_LENGTH = 8;

    private final MongoTemplate mongo;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    public IdentityLinks(MongoTemplate mongo, Clock clock) {
        this.mongo = mongo;
        this.clock = clock;
    }

    /** A fresh code for this identity (shown once, as {@code ABCD-EFGH}); earlier ones stay valid until they expire. */
    public String issueCode(UserRef user) {
        StringBuilder code = new StringBuilder();
        for (int i = 0; i < CODE_LENGTH; i++) {
            code.append(ALPHABET[random.nextInt(ALPHABET.length)]);
        }
        Instant now = clock.instant();
        mongo.insert(new LinkCode(hash(code.toString()), user, now, now.plus(CODE_LIFETIME)));
        return code.substring(0, 4) + "-" + code.substring(4);
    }

    /** Links the identity that sends a code with the one that asked for it; rituals then ask on the sender's side. */
    public IdentityLink redeem(UserRef redeemer, String typed) {
        String id = hash(normalize(typed));
        Instant now = clock.instant();
        Query valid = Query.query(Criteria.where("_id").is(id).and("expiresAt").gt(now));
        LinkCode code = mongo.findOne(valid, LinkCode.class);
        if (code == null) {
            throw new UserError("That code is not valid (or it expired, or it was used). Ask for a new one with "
                    + "link on the other platform.");
        }
        if (code.user().platform() == redeemer.platform()) {
            throw new UserError("Send this code on " + other(redeemer.platform()).displayName()
                    + ", not here: it links your identity there with this one.");
        }
        // Taking the code out is what makes it single-use, even against two requests at once.
        if (mongo.findAndRemove(valid, LinkCode.class) == null) {
            throw new UserError("That code was just used. Ask for a new one with link on the other platform.");
        }
        UserRef issuer = code.user();
        for (UserRef side : new UserRef[] {issuer, redeemer}) {
            partner(side).ifPresent(p -> {
                throw new UserError(side.platform().displayName() + " identity " + side.userId()
                        + " is already linked. Run unlink there first.");
            });
        }
        IdentityLink mine = IdentityLink.of(redeemer, issuer, redeemer.platform(), now);
        IdentityLink theirs = IdentityLink.of(issuer, redeemer, redeemer.platform(), now);
        mongo.insert(mine);
        try {
            mongo.insert(theirs);
        } catch (DuplicateKeyException raced) {
            mongo.remove(Query.query(Criteria.where("_id").is(mine.id())), IdentityLink.class);
            throw new UserError("Your other identity was linked at the same moment. Run link again.");
        }
        return mine;
    }

    public Optional<UserRef> partner(UserRef user) {
        return link(user).map(IdentityLink::partner);
    }

    Optional<IdentityLink> link(UserRef user) {
        return Optional.ofNullable(mongo.findById(user.key(), IdentityLink.class));
    }

    /** Where rituals reach this person: their linked identity if they chose that platform, else this one. */
    public UserRef reachAt(UserRef user) {
        return reachAt(user, link(user));
    }

    /** {@link #reachAt} for many people (a standup's prompts), in one read by id. */
    public Map<UserRef, UserRef> reachAt(Collection<UserRef> users) {
        Map<String, IdentityLink> byKey = Lookups.byIds(mongo, users.stream().map(UserRef::key).toList(),
                IdentityLink.class, IdentityLink::id);
        Map<UserRef, UserRef> reach = new HashMap<>();
        users.forEach(u -> reach.put(u, reachAt(u, Optional.ofNullable(byKey.get(u.key())))));
        return reach;
    }

    private static UserRef reachAt(UserRef user, Optional<IdentityLink> link) {
        return link.filter(l -> l.askOn() == l.partner().platform()).map(IdentityLink::partner).orElse(user);
    }

    /** This person as known in the given tenant: themselves, or their linked identity there, or nobody. */
    public Optional<UserRef> in(TenantRef tenant, UserRef user) {
        if (user.tenant().equals(tenant)) {
            return Optional.of(user);
        }
        return partner(user).filter(p -> p.tenant().equals(tenant));
    }

    /** Rituals ask this person (both sides of the link) on the given platform from now on. */
    public void askOn(UserRef user, Platform platform) {
        UserRef partner = partner(user).orElseThrow(() -> new UserError("You have not linked another identity yet."));
        mongo.updateMulti(Query.query(Criteria.where("_id").in(user.key(), partner.key())),
                new Update().set("askOn", platform), IdentityLink.class);
    }

    /** Removes both sides of this person's link; false if there was none. */
    public boolean unlink(UserRef user) {
        Optional<UserRef> partner = partner(user);
        if (partner.isEmpty()) {
            return false;
        }
        mongo.remove(Query.query(Criteria.where("_id").in(user.key(), partner.get().key())), IdentityLink.class);
        return true;
    }

    static Platform other(Platform platform) {
        return platform == Platform.SLACK ? Platform.TEAMS : Platform.SLACK;
    }

    private static String normalize(String typed) {
        return typed == null ? "" : typed.replaceAll("[\\s-]", "").toUpperCase(Locale.ROOT);
    }

    private static String hash(String code) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(code.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
