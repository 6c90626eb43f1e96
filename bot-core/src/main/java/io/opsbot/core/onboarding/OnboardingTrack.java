package io.opsbot.core.onboarding;

import io.opsbot.core.tenant.TenantRef;
import io.opsbot.core.tenant.UserRef;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * An ordered list of steps someone is walked through, from day 1 on. Tracks come from configuration (YAML, for every
 * tenant, including the shipped "Welcome to product") or are written by a tenant's admins in chat and stored here; a
 * stored track with the key of a configured one replaces it for that tenant. {@code notify} are the buddy or manager
 * told when someone finishes it.
 */
@Document("onboarding_tracks")
public record OnboardingTrack(@Id String id, TenantRef tenant, String key, String title, String description,
                              List<OnboardingStep> steps, List<UserRef> notifyOnFinish, Instant updatedAt, UserRef updatedBy) {

    public static final String KEY_PATTERN = "[a-z][a-z0-9-]{0,29}";

    public OnboardingTrack {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(title, "title");
        if (steps == null || steps.isEmpty()) {
            throw new IllegalArgumentException("a track needs at least one step");
        }
        // Steps run in day order; steps of the same day keep the order they were written in.
        steps = steps.stream().sorted(Comparator.comparingInt(OnboardingStep::day)).toList();
        notifyOnFinish = notifyOnFinish == null ? List.of() : List.copyOf(notifyOnFinish);
        description = description == null || description.isBlank() ? null : description;
    }

    static String id(TenantRef tenant, String key) {
        return tenant.key() + ":" + key;
    }

    /** Configured tracks belong to no tenant. */
    public boolean configured() {
        return tenant == null;
    }

    /** The people to tell in one tenant (configured tracks may name people of several). */
    public List<UserRef> notifyIn(TenantRef where) {
        return notifyOnFinish.stream().filter(u -> u.tenant().equals(where)).toList();
    }
}
