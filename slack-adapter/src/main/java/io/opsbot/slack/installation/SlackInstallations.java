package io.opsbot.slack.installation;

import io.opsbot.core.tenant.TenantRef;

import java.util.Optional;

/**
 * Which installation acts where: for a request, the one of its workspace or org ({@link #serving}); for a send, the
 * one of the tenant the data belongs to ({@link #forTenant}). With one bot token from the environment there is one
 * ({@link SingleTokenInstallation}); with OAuth, every workspace and org installed has its own, stored encrypted.
 * Empty means nobody here may act there: the request is refused, the send fails as unreachable.
 */
public interface SlackInstallations {

    Optional<SlackInstallation> serving(String enterpriseId, String teamId);

    Optional<SlackInstallation> forTenant(TenantRef tenant);

    /** What a person in a workspace nobody serves is told. */
    String notServedReply();

    /**
     * The app was uninstalled from this workspace / org, or its bot token revoked: its token is deleted and nothing
     * acts there any more until it is installed again. Returns the tenant whose installation this ended.
     */
    Optional<TenantRef> removed(String enterpriseId, String teamId, String reason);
}
