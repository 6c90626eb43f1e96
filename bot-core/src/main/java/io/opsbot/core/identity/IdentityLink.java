package io.opsbot.core.identity;

import io.opsbot.core.tenant.Platform;
import io.opsbot.core.tenant.UserRef;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

import java.time.Instant;

/**
 * One side of a linked pair: this identity ({@code user}) is the same person as {@code partner} on the other
 * platform, and rituals ask them on {@code askOn}. Stored once per side, keyed by the identity, so each identity is
 * linked at most once and deleting either tenant's data removes both sides ({@code user.tenant},
 * {@code partner.tenant}).
 */
@Document("identity_links")
record IdentityLink(@Id String id, UserRef user, UserRef partner, Platform askOn, Instant linkedAt) {

    static IdentityLink of(UserRef user, UserRef partner, Platform askOn, Instant at) {
        return new IdentityLink(user.key(), user, partner, askOn, at);
    }
}
