package io.opsbot.teams.people;

import io.opsbot.core.tenant.TenantRef;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The people (Entra object ids) of one team or group chat as the Bot Connector last listed them. Kept so a standup
 * with many occurrences does not call the roster API each time (Teams throttles it), and so a roster call that fails
 * for a moment (429, 5xx, network) does not drop everyone from that day's standup.
 */
@Document(TeamsRoster.COLLECTION)
public class TeamsRoster {

    public static final String COLLECTION = "teams_rosters";

    @Id
    private String id;
    private TenantRef tenant;
    /** The team id, or the conversation id of a group chat or a channel outside any known team. */
    private String rosterId;
    private List<String> members = new ArrayList<>();
    private Instant fetchedAt;

    protected TeamsRoster() {
    }

    TeamsRoster(TenantRef tenant, String rosterId, List<String> members, Instant fetchedAt) {
        this.id = key(tenant, rosterId);
        this.tenant = tenant;
        this.rosterId = rosterId;
        this.members = new ArrayList<>(members);
        this.fetchedAt = fetchedAt;
    }

    static String key(TenantRef tenant, String rosterId) {
        return tenant.key() + "|" + rosterId;
    }

    public String getId() {
        return id;
    }

    public TenantRef getTenant() {
        return tenant;
    }

    public String getRosterId() {
        return rosterId;
    }

    public List<String> getMembers() {
        return List.copyOf(members);
    }

    public Instant getFetchedAt() {
        return fetchedAt;
    }
}
