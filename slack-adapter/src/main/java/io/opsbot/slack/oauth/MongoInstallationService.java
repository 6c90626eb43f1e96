package io.opsbot.slack.oauth;

import com.slack.api.bolt.model.Bot;
import com.slack.api.bolt.model.Installer;
import com.slack.api.bolt.model.builtin.DefaultBot;
import com.slack.api.bolt.model.builtin.DefaultInstaller;
import com.slack.api.bolt.service.InstallationService;
import io.opsbot.core.retention.Departures;
import io.opsbot.core.secret.CredentialCipher;
import io.opsbot.core.tenant.TenantRef;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Bolt's {@link InstallationService} on MongoDB (Bolt ships file and S3 stores only): what each OAuth install
 * reported, tokens sealed by {@link CredentialCipher}. Uninstalling or revoking removes the tokens and keeps the rest,
 * so the tenant's data stays reachable for deletion and a re-install resumes where it was. Nothing here logs a token,
 * nor a Bolt {@link Bot} or {@link Installer}, whose toString shows them.
 */
public class MongoInstallationService implements InstallationService {

    private static final Logger log = LoggerFactory.getLogger(MongoInstallationService.class);
    public static final String COLLECTION = StoredInstallation.COLLECTION;

    private final MongoTemplate mongo;
    private final CredentialCipher cipher;
    private final Clock clock;
    private final Departures departures;

    public MongoInstallationService(MongoTemplate mongo, CredentialCipher cipher, Clock clock,
                                    Departures departures) {
        this.mongo = mongo;
        this.cipher = cipher;
        this.clock = clock;
        this.departures = departures;
    }

    @Override
    public boolean isHistoricalDataEnabled() {
        return false;
    }

    @Override
    public void setHistoricalDataEnabled(boolean enabled) {
        if (enabled) {
            throw new UnsupportedOperationException("only the current installation of each workspace is kept");
        }
    }

    /** A new install, or a re-install (which brings the workspace back: its rituals resume). */
    @Override
    public void saveInstallerAndBot(Installer installer) {
        boolean orgWide = Boolean.TRUE.equals(installer.getIsEnterpriseInstall());
        String id = StoredInstallation.idOf(orgWide, installer.getEnterpriseId(), installer.getTeamId());
        TenantRef tenant = TenantRef.slack(orgWide ? installer.getEnterpriseId() : installer.getTeamId());
        Update update = new Update()
                .set("tenant", tenant)
                .set("appId", installer.getAppId())
                .set("enterpriseId", installer.getEnterpriseId())
                .set("enterpriseUrl", installer.getEnterpriseUrl())
                .set("teamId", orgWide ? null : installer.getTeamId())
                .set("enterpriseInstall", orgWide)
                .set("botId", installer.getBotId())
                .set("botUserId", installer.getBotUserId())
                .set("botScope", installer.getBotScope())
                .set("sealedBotToken", cipher.seal(installer.getBotAccessToken(), purpose(id, "bot")))
                .set("sealedBotRefreshToken", cipher.seal(installer.getBotRefreshToken(), purpose(id, "bot-refresh")))
                .set("botTokenExpiresAt", instant(installer.getBotTokenExpiresAt()))
                .set("installerUserId", installer.getInstallerUserId())
                .set("installerUserScope", installer.getInstallerUserScope())
                .set("installedAt", clock.instant())
                .unset("removedAt").unset("removedBecause").unset("refreshingUntil");
        if (installer instanceof DefaultInstaller named) {
            update.set("enterpriseName", named.getEnterpriseName()).set("teamName", named.getTeamName());
        }
        // The installer's own user token is not kept: the bot asks for no user scopes and acts only as itself.
        StoredInstallation before = mongo.findAndModify(Query.query(Criteria.where("_id").is(id)), update,
                FindAndModifyOptions.options().upsert(true), StoredInstallation.class);
        boolean reinstall = before != null && !before.active();
        log.info("Slack app {} {} by {} (scopes {}{})", reinstall ? "re-installed in" : "installed in", tenant,
                installer.getInstallerUserId(), installer.getBotScope(),
                installer.getBotRefreshToken() != null ? ", token rotation on" : "");
        departures.returned(tenant);
    }

    /** A rotated bot token, saved only while the installation is still there. */
    @Override
    public void saveBot(Bot bot) {
        String id = idOf(bot);
        mongo.updateFirst(Query.query(Criteria.where("_id").is(id).and("removedAt").is(null)), new Update()
                        .set("sealedBotToken", cipher.seal(bot.getBotAccessToken(), purpose(id, "bot")))
                        .set("sealedBotRefreshToken", cipher.seal(bot.getBotRefreshToken(), purpose(id, "bot-refresh")))
                        .set("botTokenExpiresAt", instant(bot.getBotTokenExpiresAt()))
                        .unset("refreshingUntil"),
                StoredInstallation.class);
    }

    @Override
    public void deleteBot(Bot bot) {
        remove(idOf(bot), "bot token deleted");
    }

    @Override
    public void deleteInstaller(Installer installer) {
        boolean orgWide = Boolean.TRUE.equals(installer.getIsEnterpriseInstall());
        mongo.updateFirst(Query.query(Criteria.where("_id")
                        .is(StoredInstallation.idOf(orgWide, installer.getEnterpriseId(), installer.getTeamId()))
                        .and("installerUserId").is(installer.getInstallerUserId())),
                new Update().unset("installerUserId").unset("installerUserScope"), StoredInstallation.class);
    }

    @Override
    public void deleteAll(String enterpriseId, String teamId) {
        find(enterpriseId, teamId, false).ifPresent(i -> remove(i.getId(), "uninstalled"));
    }

    @Override
    public Bot findBot(String enterpriseId, String teamId) {
        return find(enterpriseId, teamId, true).map(this::bot).orElse(null);
    }

    @Override
    public Installer findInstaller(String enterpriseId, String teamId, String userId) {
        return find(enterpriseId, teamId, true)
                .filter(i -> userId == null || userId.equals(i.getInstallerUserId()))
                .map(i -> {
                    Bot bot = bot(i);
                    return (Installer) DefaultInstaller.builder().appId(i.getAppId()).enterpriseId(i.getEnterpriseId())
                            .enterpriseName(i.getEnterpriseName()).enterpriseUrl(i.getEnterpriseUrl())
                            .teamId(i.getTeamId()).teamName(i.getTeamName())
                            .isEnterpriseInstall(i.isEnterpriseInstall()).installerUserId(i.getInstallerUserId())
                            .installerUserScope(i.getInstallerUserScope()).botId(i.getBotId())
                            .botUserId(i.getBotUserId()).botScope(i.getBotScope())
                            .botAccessToken(bot.getBotAccessToken()).botRefreshToken(bot.getBotRefreshToken())
                            .botTokenExpiresAt(bot.getBotTokenExpiresAt())
                            .installedAt(millis(i.getInstalledAt())).build();
                })
                .orElse(null);
    }

    /** The active installation acting for a tenant's data (its workspace's, or its org's). */
    Optional<Bot> findBotOf(TenantRef tenant) {
        return Optional.ofNullable(mongo.findOne(Query.query(Criteria.where("tenant").is(tenant)
                .and("removedAt").is(null)), StoredInstallation.class)).filter(StoredInstallation::active).map(this::bot);
    }

    /**
     * The installation serving a request from this workspace / org: the workspace's own install if there is one,
     * else its org's org-wide install. {@code activeOnly} leaves out those uninstalled or revoked.
     */
    Optional<StoredInstallation> find(String enterpriseId, String teamId, boolean activeOnly) {
        if (teamId != null && !teamId.isBlank()) {
            StoredInstallation workspace = mongo.findById(StoredInstallation.idOf(false, enterpriseId, teamId),
                    StoredInstallation.class);
            if (workspace != null && (!activeOnly || workspace.active())) {
                return Optional.of(workspace);
            }
        }
        if (enterpriseId != null && !enterpriseId.isBlank()) {
            StoredInstallation org = mongo.findById(StoredInstallation.idOf(true, enterpriseId, null),
                    StoredInstallation.class);
            if (org != null && (!activeOnly || org.active())) {
                return Optional.of(org);
            }
        }
        return Optional.empty();
    }

    /**
     * Deletes the tokens of an installation (uninstalled, revoked) and records since when; the rest stays. Returns
     * the tenant when tokens were there to delete.
     */
    Optional<TenantRef> remove(String id, String because) {
        StoredInstallation before = mongo.findAndModify(Query.query(Criteria.where("_id").is(id)
                        .and("removedAt").is(null)),
                new Update().unset("sealedBotToken").unset("sealedBotRefreshToken").unset("botTokenExpiresAt")
                        .unset("refreshingUntil").set("removedAt", clock.instant()).set("removedBecause", because),
                StoredInstallation.class);
        if (before == null) {
            return Optional.empty();
        }
        log.info("Slack app {} in {}: its tokens are deleted, its data kept", because, before.getTenant());
        departures.left(before.getTenant(), clock.instant(), because);
        return Optional.of(before.getTenant());
    }

    /** Forgets an installation entirely (its tenant's data was deleted). */
    void forget(TenantRef tenant) {
        mongo.remove(Query.query(Criteria.where("tenant").is(tenant)), StoredInstallation.class);
    }

    /**
     * Takes the right to refresh this installation's token for {@code lease}: of several instances seeing the token
     * near its end at once, one refreshes (a refresh token works once) and the others keep using the current token.
     */
    boolean leaseRefresh(Bot bot, Duration lease) {
        Instant now = clock.instant();
        Criteria free = new Criteria().orOperator(Criteria.where("refreshingUntil").is(null),
                Criteria.where("refreshingUntil").lt(now));
        return mongo.updateFirst(Query.query(Criteria.where("_id").is(idOf(bot)).and("removedAt").is(null))
                        .addCriteria(free), new Update().set("refreshingUntil", now.plus(lease)),
                StoredInstallation.class).getModifiedCount() > 0;
    }

    void releaseRefresh(Bot bot) {
        mongo.updateFirst(Query.query(Criteria.where("_id").is(idOf(bot))), new Update().unset("refreshingUntil"),
                StoredInstallation.class);
    }

    private Bot bot(StoredInstallation i) {
        DefaultBot bot = new DefaultBot();
        bot.setAppId(i.getAppId());
        bot.setEnterpriseId(i.getEnterpriseId());
        bot.setEnterpriseName(i.getEnterpriseName());
        bot.setEnterpriseUrl(i.getEnterpriseUrl());
        bot.setTeamId(i.getTeamId());
        bot.setTeamName(i.getTeamName());
        bot.setIsEnterpriseInstall(i.isEnterpriseInstall());
        bot.setBotId(i.getBotId());
        bot.setBotUserId(i.getBotUserId());
        bot.setBotScope(i.getBotScope());
        bot.setBotAccessToken(cipher.open(i.getSealedBotToken(), purpose(i.getId(), "bot")));
        bot.setBotRefreshToken(cipher.open(i.getSealedBotRefreshToken(), purpose(i.getId(), "bot-refresh")));
        bot.setBotTokenExpiresAt(millis(i.getBotTokenExpiresAt()));
        bot.setInstalledAt(millis(i.getInstalledAt()));
        return bot;
    }

    private static String idOf(Bot bot) {
        boolean orgWide = Boolean.TRUE.equals(bot.getIsEnterpriseInstall());
        return StoredInstallation.idOf(orgWide, bot.getEnterpriseId(), bot.getTeamId());
    }

    /** Binds a sealed token to its installation and kind, so it opens nowhere else. */
    private static String purpose(String id, String kind) {
        return "slack-installation:" + id + ":" + kind;
    }

    private static Instant instant(Long millis) {
        return millis == null ? null : Instant.ofEpochMilli(millis);
    }

    private static Long millis(Instant instant) {
        return instant == null ? null : instant.toEpochMilli();
    }
}
