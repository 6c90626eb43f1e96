package io.opsbot.core.feedback;

import io.opsbot.core.tenant.TenantRef;
import io.opsbot.core.tenant.UserRef;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.Indexed;
import org.springframework.data.mongodb.core.mapping.Document;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A tenant's connection to Jira Cloud or Trello. Credentials are stored only sealed by the
 * {@link io.opsbot.core.secret.CredentialCipher} (bound to this connection and field), never shown again and never
 * logged. The id is random and names the connection's webhook URL; each connection has its own webhook secret.
 */
@Document(TrackerConnection.COLLECTION)
public class TrackerConnection {

    public static final String COLLECTION = "tracker_connections";

    @Id
    private String id;
    @Indexed
    private TenantRef tenant;
    private TrackerKind kind;
    /** Jira: the site, {@code https://acme.atlassian.net}; Trello: null. */
    private String siteUrl;
    /** Jira: the account's e-mail; Trello: the API key. Sealed. */
    private String sealedAccount;
    /** The API token. Sealed. */
    private String sealedToken;
    /** Jira: a secret the bot made for the webhook; Trello: the application secret Trello signs with. Sealed. */
    private String sealedWebhookSecret;
    /** Who the credentials belong to, as the service named them at connect time (shown, not secret). */
    private String accountName;
    /**
     * Status names (Jira status category, Trello list name), lower case, and the feedback status they mean; a list,
     * since a list name may hold characters a MongoDB field name may not.
     */
    private List<TrackerMapping.Entry> mapping = new ArrayList<>();
    /** Trello boards whose webhook points here. */
    private List<String> webhookModels = new ArrayList<>();
    private UserRef connectedBy;
    private Instant connectedAt;

    protected TrackerConnection() {
    }

    TrackerConnection(String id, TenantRef tenant, TrackerKind kind, String siteUrl, String accountName,
                      UserRef connectedBy, Instant connectedAt) {
        this.id = id;
        this.tenant = tenant;
        this.kind = kind;
        this.siteUrl = siteUrl;
        this.accountName = accountName;
        this.connectedBy = connectedBy;
        this.connectedAt = connectedAt;
        TrackerMapping.defaults(kind).forEach((name, status) -> mapping.add(new TrackerMapping.Entry(name, status)));
    }

    void seal(String account, String token, String webhookSecret) {
        this.sealedAccount = account;
        this.sealedToken = token;
        this.sealedWebhookSecret = webhookSecret;
    }

    public String getId() {
        return id;
    }

    public TenantRef getTenant() {
        return tenant;
    }

    public TrackerKind getKind() {
        return kind;
    }

    public String getSiteUrl() {
        return siteUrl;
    }

    String getSealedAccount() {
        return sealedAccount;
    }

    String getSealedToken() {
        return sealedToken;
    }

    String getSealedWebhookSecret() {
        return sealedWebhookSecret;
    }

    public String getAccountName() {
        return accountName;
    }

    public Map<String, FeedbackStatus> getMapping() {
        Map<String, FeedbackStatus> byName = new LinkedHashMap<>();
        if (mapping != null) {
            mapping.forEach(e -> byName.put(e.name(), e.status()));
        }
        return byName;
    }

    public List<String> getWebhookModels() {
        return webhookModels == null ? List.of() : List.copyOf(webhookModels);
    }

    public UserRef getConnectedBy() {
        return connectedBy;
    }

    public Instant getConnectedAt() {
        return connectedAt;
    }

    @Override
    public String toString() {
        return "TrackerConnection[" + kind + " " + id + " of " + tenant + "]";
    }
}
