package io.opsbot.core.onboarding;

import io.opsbot.core.audit.Actor;
import io.opsbot.core.audit.AuditLog;
import io.opsbot.core.gateway.Destination;
import io.opsbot.core.tenant.TenantRef;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.mapping.Document;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Service;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * A tenant's onboarding choices: the channel whose new members are onboarded (Slack) and which track starts by itself
 * ({@code opsbot.onboarding.auto-start-track} until an admin picks another or turns it off).
 */
@Service
public class OnboardingSettings {

    static final String OFF = "off";

    private final OnboardingSettingsRepository repository;
    private final MongoTemplate mongo;
    private final OnboardingProperties properties;
    private final AuditLog audit;
    private final Clock clock;

    public OnboardingSettings(OnboardingSettingsRepository repository, MongoTemplate mongo,
                              OnboardingProperties properties, AuditLog audit, Clock clock) {
        this.repository = repository;
        this.mongo = mongo;
        this.properties = properties;
        this.audit = audit;
        this.clock = clock;
    }

    @Document("onboarding_settings")
    record Stored(@Id String id, TenantRef tenant, Destination.Channel joinChannel, String autoTrack,
                  Instant updatedAt) {
    }

    private Optional<Stored> stored(TenantRef tenant) {
        return repository.findById(tenant.key());
    }

    public Optional<Destination.Channel> joinChannel(TenantRef tenant) {
        return stored(tenant).map(Stored::joinChannel);
    }

    /** The key of the track new people start, or empty when nobody is started automatically. */
    public Optional<String> autoTrack(TenantRef tenant) {
        String chosen = stored(tenant).map(Stored::autoTrack).orElse(null);
        String key = chosen != null ? chosen : properties.autoStartTrack();
        return key == null || key.isBlank() || key.equals(OFF) ? Optional.empty() : Optional.of(key);
    }

    void setJoinChannel(Actor by, Destination.Channel channel) {
        TenantRef tenant = by.user().tenant();
        String before = joinChannel(tenant).map(Destination.Channel::channelId).orElse(null);
        upsert(tenant, channel == null ? new Update().unset("joinChannel") : new Update().set("joinChannel", channel));
        audit.record(by, "settings.onboarding-channel", "onboarding", before,
                channel == null ? null : channel.channelId());
    }

    void setAutoTrack(Actor by, String keyOrOff) {
        TenantRef tenant = by.user().tenant();
        String before = autoTrack(tenant).orElse(OFF);
        upsert(tenant, new Update().set("autoTrack", keyOrOff));
        audit.record(by, "settings.onboarding-auto", "onboarding", before, keyOrOff);
    }

    private void upsert(TenantRef tenant, Update update) {
        mongo.findAndModify(Query.query(Criteria.where("_id").is(tenant.key())),
                update.setOnInsert("tenant", tenant).set("updatedAt", clock.instant()),
                FindAndModifyOptions.options().upsert(true), Stored.class);
    }
}
