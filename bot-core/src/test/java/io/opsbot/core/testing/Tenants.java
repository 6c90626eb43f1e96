package io.opsbot.core.testing;

import io.opsbot.core.conversation.Invoker;
import io.opsbot.core.gateway.Destination;
import io.opsbot.core.tenant.TenantRef;
import io.opsbot.core.tenant.UserRef;

import java.util.concurrent.atomic.AtomicInteger;

/** Fresh tenants and users per test, so tests sharing a database never see each other's records. */
public final class Tenants {

    private static final AtomicInteger NEXT = new AtomicInteger();

    private Tenants() {
    }

    public static TenantRef slack() {
        return TenantRef.slack("T" + String.format("%08d", NEXT.incrementAndGet()));
    }

    public static TenantRef teams() {
        return TenantRef.teams("tenant-" + NEXT.incrementAndGet());
    }

    public static Invoker inChannel(TenantRef tenant, String userId, String name, String channelId) {
        return new Invoker(new UserRef(tenant, userId), name, new Destination.Channel(tenant, channelId), false, null);
    }

    public static Invoker direct(TenantRef tenant, String userId, String name) {
        return new Invoker(new UserRef(tenant, userId), name, new Destination.Channel(tenant, "D" + userId), true,
                null);
    }
}
