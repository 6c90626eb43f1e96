package io.opsbot.core.settings;

import io.opsbot.core.gateway.Destination;
import io.opsbot.core.tenant.TenantRef;
import io.opsbot.core.tenant.UserRef;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * What a tenant has chosen: where feedback is triaged, its product areas, its holidays. One document per tenant, which
 * also holds the tenant's roles (read and changed by {@code io.opsbot.core.access} alone). Changed only by targeted
 * updates, never saved whole, so neither side overwrites the other.
 */
@Document(TenantSettings.COLLECTION)
public class TenantSettings {

    public static final String COLLECTION = "tenant_settings";

    @Id
    private String id;
    private TenantRef tenant;
    private Destination.Channel triageChannel;
    /** Who chose the triage channel: told when a triage post cannot go out. */
    private UserRef triageChannelSetBy;
    /** Null until the tenant changes them: the configured defaults apply. */
    private List<String> feedbackAreas;
    private List<java.time.LocalDate> holidays = new ArrayList<>();
    private Instant updatedAt;

    protected TenantSettings() {
    }

    /** The settings of a tenant that has chosen nothing yet. */
    public TenantSettings(TenantRef tenant) {
        this.id = tenant.key();
        this.tenant = tenant;
    }

    public String getId() {
        return id;
    }

    public TenantRef getTenant() {
        return tenant;
    }

    public Destination.Channel getTriageChannel() {
        return triageChannel;
    }

    public UserRef getTriageChannelSetBy() {
        return triageChannelSetBy;
    }

    public List<String> getFeedbackAreas() {
        return feedbackAreas;
    }

    /** Days off for the whole tenant: no ritual prompts anyone on them. */
    public List<java.time.LocalDate> getHolidays() {
        return holidays;
    }

    public Instant getUpdatedAt() {
        return updatedAt;
    }
}
