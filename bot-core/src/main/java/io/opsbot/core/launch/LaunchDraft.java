package io.opsbot.core.launch;

import io.opsbot.core.tenant.TenantRef;
import io.opsbot.core.tenant.UserRef;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.Indexed;
import org.springframework.data.mongodb.core.mapping.Document;

import java.time.Instant;

/**
 * A prefilled launch announcement waiting for the person it was prepared for: title, text and link as the announce
 * form will show them, and the tenant, so deleting a tenant's data finds it. Kept 30 days (TTL on MongoDB).
 */
@Document(LaunchDraft.COLLECTION)
public record LaunchDraft(@Id String id, TenantRef tenant, UserRef preparedFor, String title, String text, String link,
                          @Indexed(expireAfter = "30d") Instant createdAt) {

    public static final String COLLECTION = "launch_drafts";
}
