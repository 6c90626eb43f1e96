package io.opsbot.core.people;

import io.opsbot.core.tenant.UserRef;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * What the bot keeps about a person: the name it last saw, the time zone they chose ({@code timezone} command), their
 * out-of-office periods. One document per (platform, tenant, user).
 */
@Document("people")
public class PersonProfile {

    @Id
    private String id;
    private UserRef user;
    private String displayName;
    /** IANA zone id the person set themselves; wins over what the platform reports. */
    private String zone;
    private List<DateRange> outOfOffice = new ArrayList<>();
    /** The zone the platform reported (Slack profile), cached so a standup with many people asks Slack rarely. */
    private String platformZone;
    private Instant platformZoneCheckedAt;
    private Instant lastSeen;

    protected PersonProfile() {
    }

    public PersonProfile(UserRef user) {
        this.id = user.key();
        this.user = user;
    }

    public String getId() {
        return id;
    }

    public UserRef getUser() {
        return user;
    }

    public String getDisplayName() {
        return displayName;
    }

    public String getZone() {
        return zone;
    }

    public List<DateRange> getOutOfOffice() {
        return outOfOffice;
    }

    public String getPlatformZone() {
        return platformZone;
    }

    public Instant getPlatformZoneCheckedAt() {
        return platformZoneCheckedAt;
    }

    public Instant getLastSeen() {
        return lastSeen;
    }
}
