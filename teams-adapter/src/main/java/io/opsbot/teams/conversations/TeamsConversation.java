package io.opsbot.teams.conversations;

import io.opsbot.core.tenant.TenantRef;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.mapping.Document;

import java.time.Instant;

/**
 * What the bot needs to write into a Teams conversation later (a proactive message): the service URL to call, the
 * conversation id, and who the bot is there. One document per (tenant, conversation); the service URL is refreshed
 * from every inbound activity because Teams may move it. For a personal (1:1) chat it also records the person.
 */
@Document(TeamsConversation.COLLECTION)
@CompoundIndex(name = "tenant_personal_user", def = "{'tenant': 1, 'conversationType': 1, 'userId': 1}")
@CompoundIndex(name = "tenant_recent", def = "{'tenant': 1, 'updatedAt': -1}")
public class TeamsConversation {

    public static final String COLLECTION = "teams_conversations";

    public static final String PERSONAL = "personal";
    public static final String CHANNEL = "channel";
    public static final String GROUP_CHAT = "groupChat";

    @Id
    private String id;
    private TenantRef tenant;
    private String conversationId;
    private String conversationType;
    private String serviceUrl;
    private String botId;
    private String teamId;
    private String userId;
    private String aadObjectId;
    /** A channel's display name, when Teams sent one. */
    private String name;
    private Instant welcomedAt;
    private Instant createdAt;
    private Instant updatedAt;

    protected TeamsConversation() {
    }

    public static String key(TenantRef tenant, String conversationId) {
        return tenant.key() + "|" + conversationId;
    }

    public String getId() {
        return id;
    }

    public TenantRef getTenant() {
        return tenant;
    }

    public String getConversationId() {
        return conversationId;
    }

    public String getConversationType() {
        return conversationType;
    }

    public String getServiceUrl() {
        return serviceUrl;
    }

    public String getBotId() {
        return botId;
    }

    public String getTeamId() {
        return teamId;
    }

    public String getUserId() {
        return userId;
    }

    public String getAadObjectId() {
        return aadObjectId;
    }

    public String getName() {
        return name;
    }

    public Instant getWelcomedAt() {
        return welcomedAt;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public Instant getUpdatedAt() {
        return updatedAt;
    }
}
