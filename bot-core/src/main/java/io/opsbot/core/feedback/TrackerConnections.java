package io.opsbot.core.feedback;

import io.opsbot.core.audit.Actor;
import io.opsbot.core.audit.AuditLog;
import io.opsbot.core.conversation.InputError;
import io.opsbot.core.conversation.UserError;
import io.opsbot.core.secret.CredentialCipher;
import io.opsbot.core.tenant.TenantRef;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Service;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A tenant's Jira and Trello connections: made by an admin only after a test call with the credentials works (a
 * refusal shows the service's own message), kept sealed, opened only to call the service or check a webhook.
 */
@Service
public class TrackerConnections {

    static final String WEBHOOK_PATH = "/webhooks/";

    private final MongoTemplate mongo;
    private final CredentialCipher cipher;
    private final JiraClient jira;
    private final TrelloClient trello;
    private final TrackerProperties properties;
    private final AuditLog audit;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final Pattern jiraSites;

    public TrackerConnections(MongoTemplate mongo, CredentialCipher cipher, JiraClient jira, TrelloClient trello,
                              TrackerProperties properties, AuditLog audit, Clock clock) {
        this.mongo = mongo;
        this.cipher = cipher;
        this.jira = jira;
        this.trello = trello;
        this.properties = properties;
        this.audit = audit;
        this.clock = clock;
        this.jiraSites = Pattern.compile(properties.jiraSites());
    }

    /** Checks the credentials against the site and keeps them; an error on the input they concern otherwise. */
    public TrackerConnection connectJira(Actor admin, String site, String email, String token) {
        String siteUrl = site.strip().replaceAll("/+$", "");
        if (!jiraSites.matcher(siteUrl).matches()) {
            throw new InputError("site", "Enter your Jira Cloud address, like https://acme.atlassian.net");
        }
        JiraClient.Credentials credentials = new JiraClient.Credentials(siteUrl, email.strip(), token.strip());
        String name;
        try {
            name = jira.myself(credentials);
        } catch (TrackerException e) {
            throw new InputError(e.unauthorized() ? "token" : "site", "Jira said: " + e.getMessage());
        }
        TrackerConnection connection = new TrackerConnection(newId(), admin.user().tenant(), TrackerKind.JIRA,
                siteUrl, name, admin.user(), clock.instant());
        String webhookSecret = HexFormat.of().formatHex(randomBytes(32));
        seal(connection, credentials.email(), credentials.token(), webhookSecret);
        return replace(admin, connection);
    }

    /** Trello needs the application secret too: it is what Trello signs webhooks with. */
    public TrackerConnection connectTrello(Actor admin, String key, String secret, String token) {
        TrelloClient.Credentials credentials = new TrelloClient.Credentials(key.strip(), token.strip());
        String name;
        try {
            name = trello.me(credentials);
        } catch (TrackerException e) {
            throw new InputError(e.getMessage().toLowerCase().contains("key") ? "key" : "token",
                    "Trello said: " + e.getMessage());
        }
        TrackerConnection connection = new TrackerConnection(newId(), admin.user().tenant(), TrackerKind.TRELLO,
                null, name, admin.user(), clock.instant());
        seal(connection, credentials.key(), credentials.token(), secret.strip());
        return replace(admin, connection);
    }

    private void seal(TrackerConnection connection, String account, String token, String webhookSecret) {
        connection.seal(cipher.seal(account, purpose(connection, "account")),
                cipher.seal(token, purpose(connection, "token")),
                cipher.seal(webhookSecret, purpose(connection, "webhook")));
    }

    /** One connection per tenant and kind: a new one replaces the old (and its webhook URL stops working). */
    private TrackerConnection replace(Actor admin, TrackerConnection connection) {
        Optional<TrackerConnection> old = find(connection.getTenant(), connection.getKind());
        mongo.remove(Query.query(Criteria.where("tenant").is(connection.getTenant()).and("kind")
                .is(connection.getKind())), TrackerConnection.class);
        TrackerConnection saved = mongo.insert(connection);
        audit.record(admin, "feedback.connect", connection.getKind().label(),
                old.map(TrackerConnections::describe).orElse(null), describe(saved));
        return saved;
    }

    private static String describe(TrackerConnection connection) {
        return (connection.getSiteUrl() == null ? "" : connection.getSiteUrl() + " ") + "as "
                + connection.getAccountName();
    }

    public Optional<TrackerConnection> find(TenantRef tenant, TrackerKind kind) {
        return Optional.ofNullable(mongo.findOne(Query.query(Criteria.where("tenant").is(tenant).and("kind")
                .is(kind)), TrackerConnection.class));
    }

    public List<TrackerConnection> all(TenantRef tenant) {
        return mongo.find(Query.query(Criteria.where("tenant").is(tenant)), TrackerConnection.class);
    }

    /** The tenant's connection of this kind, or a user error telling the admin how to make one. */
    TrackerConnection require(TenantRef tenant, TrackerKind kind) {
        return find(tenant, kind).orElseThrow(() -> new UserError(kind.label() + " is not connected here yet: an "
                + "admin runs " + tenant.platform().command("feedback") + " connect " + kind.word() + "."));
    }

    Optional<TrackerConnection> byId(String id) {
        return Optional.ofNullable(mongo.findById(id, TrackerConnection.class));
    }

    JiraClient.Credentials jira(TrackerConnection connection) {
        return new JiraClient.Credentials(connection.getSiteUrl(),
                cipher.open(connection.getSealedAccount(), purpose(connection, "account")),
                cipher.open(connection.getSealedToken(), purpose(connection, "token")));
    }

    TrelloClient.Credentials trello(TrackerConnection connection) {
        return new TrelloClient.Credentials(cipher.open(connection.getSealedAccount(), purpose(connection, "account")),
                cipher.open(connection.getSealedToken(), purpose(connection, "token")));
    }

    /** The secret the service signs webhooks with: only to check them, and to show the admin once at connect. */
    public String webhookSecret(TrackerConnection connection) {
        return cipher.open(connection.getSealedWebhookSecret(), purpose(connection, "webhook"));
    }

    /** Where the service posts this connection's changes. */
    public String webhookUrl(TrackerConnection connection) {
        return properties.publicUrl() + WEBHOOK_PATH + connection.getKind().word() + "/" + connection.getId();
    }

    /** Remembers that the board's webhook points here (so it is asked for once). */
    void watched(TrackerConnection connection, String model) {
        mongo.updateFirst(Query.query(Criteria.where("_id").is(connection.getId())),
                new Update().addToSet("webhookModels", model), TrackerConnection.class);
    }

    /** Sets what {@code name} (a Jira status category or a Trello list name) moves linked items to. */
    public Map<String, FeedbackStatus> map(Actor admin, TrackerKind kind, String name, FeedbackStatus status) {
        TrackerConnection connection = require(admin.user().tenant(), kind);
        String key = kind == TrackerKind.JIRA ? TrackerMapping.jiraCategory(name) : TrackerMapping.normalize(name);
        if (kind == TrackerKind.JIRA && !TrackerMapping.JIRA_NAMES.contains(key)) {
            throw new UserError("Jira maps by status category: To Do, In Progress or Done.");
        }
        if (key.isEmpty() || key.length() > 100) {
            throw new UserError("Name the Trello list (at most 100 characters).");
        }
        Map<String, FeedbackStatus> before = connection.getMapping();
        List<TrackerMapping.Entry> entries = new ArrayList<>();
        before.forEach((n, s) -> {
            if (!n.equals(key)) {
                entries.add(new TrackerMapping.Entry(n, s));
            }
        });
        entries.add(new TrackerMapping.Entry(key, status));
        mongo.updateFirst(Query.query(Criteria.where("_id").is(connection.getId())), new Update().set("mapping",
                entries), TrackerConnection.class);
        audit.record(admin, "feedback.mapping", kind.label() + " “" + key + "”",
                before.get(key) == null ? null : before.get(key).label(), status.label());
        return require(admin.user().tenant(), kind).getMapping();
    }

    private static String purpose(TrackerConnection connection, String field) {
        return "tracker:" + connection.getId() + ":" + field;
    }

    private String newId() {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(randomBytes(18));
    }

    private byte[] randomBytes(int n) {
        byte[] bytes = new byte[n];
        random.nextBytes(bytes);
        return bytes;
    }
}
