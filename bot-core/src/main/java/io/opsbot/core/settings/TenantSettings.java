package io.opsbot.core.settings;

import io.opsbot.core.gateway.Destination;
import io.opsbot.core.tenant.TenantRef;
import io.opsbot.core.tenant.UserRef;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** What a tenant has chosen: where feedback is triaged, its product areas, its admins. One document per tenant. */
@Document("tenant_settings")
public class TenantSettings {

    @Id
    private String id;
    private TenantRef tenant;
    private Destination.Channel triageChannel;
    /** Who chose the triage channel: told when a triage post cannot go out. */
    private UserRef triageChannelSetBy;
    private List<String> feedbackAreas = new ArrayList<>();
    private Set<String> adminUserIds = new LinkedHashSet<>();
    private List<java.time.LocalDate> holidays = new ArrayList<>();
    private Instant updatedAt;

    protected TenantSettings() {
    }

    public TenantSettings(TenantRef tenant, List<String> feedbackAreas) {
        this.id = tenant.key();
        this.tenant = tenant;
        this.feedbackAreas = new ArrayList<>(feedbackAreas);
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

    public void setTriageChannel(Destination.Channel triageChannel) {
        this.triageChannel = triageChannel;
    }

    public UserRef getTriageChannelSetBy() {
        return triageChannelSetBy;
    }

    public void setTriageChannelSetBy(UserRef triageChannelSetBy) {
        this.triageChannelSetBy = triageChannelSetBy;
    }

    public List<String> getFeedbackAreas() {
        return feedbackAreas;
    }

    public void setFeedbackAreas(List<String> feedbackAreas) {
        this.feedbackAreas = new ArrayList<>(feedbackAreas);
    }

    public Set<String> getAdminUserIds() {
        return adminUserIds;
    }

    /** Days off for the whole tenant: no ritual prompts anyone on them. */
    public List<java.time.LocalDate> getHolidays() {
        return holidays;
    }

    public void setHolidays(List<java.time.LocalDate> holidays) {
        this.holidays = new ArrayList<>(holidays);
    }

    public Instant getUpdatedAt() {
        return updatedAt;
    }

    public void setUpdatedAt(Instant updatedAt) {
        this.updatedAt = updatedAt;
    }
}
