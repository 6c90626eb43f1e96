package io.opsbot.core.identity;

import io.opsbot.core.tenant.UserRef;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.Indexed;
import org.springframework.data.mongodb.core.mapping.Document;

import java.time.Instant;

/**
 * A code someone asked for to link their identity on the other platform. Only the code's SHA-256 is stored (its id),
 * so the database never holds a code that could be redeemed; MongoDB drops it once expired.
 */
@Document("identity_link_codes")
record LinkCode(@Id String id, UserRef user, Instant createdAt,
                @Indexed(name = "identity_link_codes_ttl", expireAfter = "0s") Instant expiresAt) {
}
