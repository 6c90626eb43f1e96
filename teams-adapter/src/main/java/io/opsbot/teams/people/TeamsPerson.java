package io.opsbot.teams.people;

import io.opsbot.core.tenant.TenantRef;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

import java.time.Instant;

/**
 * What the Teams adapter has seen of one person (by Entra object id): the name Teams shows, their Teams user id
 * ({@code 29:...}, the id a 1:1 chat is created with) and the time zone their Teams client reported with their last
 * message. Filled from inbound activities, team rosters and single-member look-ups; nothing else (no e-mail, no UPN)
 * is kept.
 */
@Document(TeamsPerson.COLLECTION)
public class TeamsPerson {

    public static final String COLLECTION = "teams_people";

    @Id
    private String id;
    private TenantRef tenant;
    private String aadObjectId;
    private String teamsUserId;
    private String name;
    /** IANA zone of the person's Teams client ({@code clientInfo.timezone}) on their last message; a hint only. */
    private String clientZone;
    private Instant clientZoneAt;
    /** When the bot last asked a team roster for this person (found or not), so it asks at most once a day. */
    private Instant lookedUpAt;
    private Instant updatedAt;

    protected TeamsPerson() {
    }

    static String key(TenantRef tenant, String aadObjectId) {
        return tenant.key() + "|" + aadObjectId;
    }

    public String getId() {
        return id;
    }

    public TenantRef getTenant() {
        return tenant;
    }

    public String getAadObjectId() {
        return aadObjectId;
    }

    public String getTeamsUserId() {
        return teamsUserId;
    }

    public String getName() {
        return name;
    }

    public String getClientZone() {
        return clientZone;
    }

    public Instant getClientZoneAt() {
        return clientZoneAt;
    }

    public Instant getLookedUpAt() {
        return lookedUpAt;
    }

    public Instant getUpdatedAt() {
        return updatedAt;
    }
}
