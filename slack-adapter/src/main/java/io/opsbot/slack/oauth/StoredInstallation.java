package io.opsbot.slack.oauth;

import io.opsbot.core.tenant.TenantRef;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.Indexed;
import org.springframework.data.mongodb.core.mapping.Document;

import java.time.Instant;

/**
 * One installation of the app, as Slack's OAuth flow reported it: in one workspace, or org-wide in an Enterprise Grid
 * org ({@code enterpriseInstall}, then there is no team). Tokens are stored sealed by {@link
 * io.opsbot.core.secret.CredentialCipher}, bound to this record's id. After an uninstall or a revocation the tokens
 * are gone and {@code removedAt} says since when; the record stays (the tenant's data is kept until it is deleted or
 * its retention passes) and a new install fills it again.
 */
@Document(StoredInstallation.COLLECTION)
class StoredInstallation {

    static final String COLLECTION = "slack_installations";

    @Id
    private String id;
    /** Sends look their installation up by the tenant of the data. */
    @Indexed(name = "slack_installations_tenant")
    private TenantRef tenant;
    private String appId;
    private String enterpriseId;
    private String enterpriseName;
    private String enterpriseUrl;
    private String teamId;
    private String teamName;
    private boolean enterpriseInstall;
    private String botId;
    private String botUserId;
    private String botScope;
    private String sealedBotToken;
    private String sealedBotRefreshToken;
    private Instant botTokenExpiresAt;
    private String installerUserId;
    private String installerUserScope;
    private Instant installedAt;
    private Instant removedAt;
    private String removedBecause;
    /** While one instance refreshes the token (rotation), others keep using the current one. */
    private Instant refreshingUntil;

    protected StoredInstallation() {
    }

    /** The id of an org-wide install is its org's, else its workspace's: one installation per tenant. */
    static String idOf(boolean enterpriseInstall, String enterpriseId, String teamId) {
        return enterpriseInstall ? "E:" + enterpriseId : "T:" + teamId;
    }

    boolean active() {
        return removedAt == null && sealedBotToken != null;
    }

    String getId() {
        return id;
    }

    TenantRef getTenant() {
        return tenant;
    }

    String getAppId() {
        return appId;
    }

    String getEnterpriseId() {
        return enterpriseId;
    }

    String getEnterpriseName() {
        return enterpriseName;
    }

    String getEnterpriseUrl() {
        return enterpriseUrl;
    }

    String getTeamId() {
        return teamId;
    }

    String getTeamName() {
        return teamName;
    }

    boolean isEnterpriseInstall() {
        return enterpriseInstall;
    }

    String getBotId() {
        return botId;
    }

    String getBotUserId() {
        return botUserId;
    }

    String getBotScope() {
        return botScope;
    }

    String getSealedBotToken() {
        return sealedBotToken;
    }

    String getSealedBotRefreshToken() {
        return sealedBotRefreshToken;
    }

    Instant getBotTokenExpiresAt() {
        return botTokenExpiresAt;
    }

    String getInstallerUserId() {
        return installerUserId;
    }

    String getInstallerUserScope() {
        return installerUserScope;
    }

    Instant getInstalledAt() {
        return installedAt;
    }

    Instant getRemovedAt() {
        return removedAt;
    }

    String getRemovedBecause() {
        return removedBecause;
    }

    Instant getRefreshingUntil() {
        return refreshingUntil;
    }
}
