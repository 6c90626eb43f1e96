package io.opsbot.core.okr;

import io.opsbot.core.tenant.TenantRef;

/** Published when what decides a tenant's OKR nudges changed: owners, cadence, zone, channel or digest time. */
public record OkrScheduleChanged(TenantRef tenant) {
}
