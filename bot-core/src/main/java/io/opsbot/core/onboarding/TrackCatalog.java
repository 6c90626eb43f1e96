package io.opsbot.core.onboarding;

import io.opsbot.core.conversation.UserError;
import io.opsbot.core.tenant.Platform;
import io.opsbot.core.tenant.TenantRef;
import io.opsbot.core.tenant.UserRef;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Service;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every track a tenant can use: the shipped "Welcome to product" example, those configured in YAML, and those its admins
 * wrote in chat (stored in MongoDB; a stored track replaces a configured one with the same key for its tenant).
 */
@Service
public class TrackCatalog {

    public static final String DEFAULT_TRACK_FILE = "io/opsbot/core/onboarding/welcome-to-product.yml";

    private final OnboardingTrackRepository tracks;
    private final Map<String, OnboardingTrack> configured = new LinkedHashMap<>();

    public TrackCatalog(OnboardingTrackRepository tracks, OnboardingProperties properties) {
        this.tracks = tracks;
        if (properties.includeDefaultTrack()) {
            shipped().forEach(t -> configured.put(t.key(), t));
        }
        for (OnboardingProperties.TrackDefinition definition : properties.tracks()) {
            configured.put(definition.getKey(), toTrack(definition));
        }
    }

    /** The tracks of the shipped example file. */
    public static List<OnboardingTrack> shipped() {
        try {
            List<PropertySource<?>> sources = new YamlPropertySourceLoader()
                    .load("opsbot-default-tracks", new ClassPathResource(DEFAULT_TRACK_FILE));
            return new Binder(ConfigurationPropertySources.from(sources))
                    .bind("opsbot.onboarding.tracks", Bindable.listOf(OnboardingProperties.TrackDefinition.class))
                    .orElse(List.of()).stream().map(TrackCatalog::toTrack).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + DEFAULT_TRACK_FILE, e);
        }
    }

    /** A YAML track as a track; a day that does not read as a day fails the start-up with the track's key. */
    static OnboardingTrack toTrack(OnboardingProperties.TrackDefinition definition) {
        try {
            List<OnboardingStep> steps = definition.getSteps().stream().map(s -> new OnboardingStep(s.title(),
                    s.body(), s.link(), DayOffset.parse(s.day()), s.requiresAck())).toList();
            List<UserRef> notify = definition.getNotify().stream().map(TrackCatalog::userKey).toList();
            return new OnboardingTrack(null, null, definition.getKey(), definition.getTitle(),
                    definition.getDescription(), steps, notify, null, null);
        } catch (UserError | IllegalArgumentException e) {
            throw new IllegalStateException("onboarding track " + definition.getKey() + ": " + e.getMessage(), e);
        }
    }

    /** {@code SLACK:T0001:U0001} as a person. */
    static UserRef userKey(String key) {
        String[] parts = key.split(":", 3);
        if (parts.length != 3) {
            throw new IllegalArgumentException("people are written PLATFORM:tenant:user, not " + key);
        }
        return new UserRef(new TenantRef(Platform.valueOf(parts[0]), parts[1]), parts[2]);
    }

    /** The tenant's tracks, stored ones replacing configured ones of the same key, by key. */
    public List<OnboardingTrack> all(TenantRef tenant) {
        Map<String, OnboardingTrack> byKey = new LinkedHashMap<>(configured);
        for (OnboardingTrack stored : tracks.findByTenantOrderByKey(tenant)) {
            byKey.put(stored.key(), stored);
        }
        return new ArrayList<>(byKey.values());
    }

    public Optional<OnboardingTrack> find(TenantRef tenant, String key) {
        if (key == null) {
            return Optional.empty();
        }
        return tracks.findById(OnboardingTrack.id(tenant, key)).or(() -> Optional.ofNullable(configured.get(key)));
    }

    /** Finds a track or says which ones there are. */
    public OnboardingTrack require(TenantRef tenant, String key) {
        return find(tenant, key).orElseThrow(() -> new UserError("There is no onboarding track \"" + key
                + "\". Tracks: " + String.join(", ", all(tenant).stream().map(OnboardingTrack::key).toList()) + "."));
    }

    /** Stores a tenant's own version of a track (creating or replacing it). */
    public OnboardingTrack save(OnboardingTrack track) {
        return tracks.save(track);
    }
}
