package io.opsbot.core.settings;

import io.opsbot.core.gateway.Destination;
import io.opsbot.core.tenant.Platform;
import io.opsbot.core.tenant.TenantRef;

import java.util.Optional;

/**
 * Defaults an adapter knows from its configuration (e.g. a Slack triage channel id set at deploy time), used until a
 * tenant chooses its own.
 */
public interface TenantDefaults {

    Platform platform();

    Optional<Destination.Channel> triageChannel(TenantRef tenant);
}
