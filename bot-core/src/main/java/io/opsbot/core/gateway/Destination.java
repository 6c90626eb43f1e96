package io.opsbot.core.gateway;

import io.opsbot.core.tenant.Platform;
import io.opsbot.core.tenant.TenantRef;
import io.opsbot.core.tenant.UserRef;

import java.util.Objects;

/**
 * Where an outbound message goes: a channel (optionally a thread in it), a person's direct messages, or a person's
 * home on a platform that has one to publish (Slack's App Home tab), which each send replaces.
 */
public sealed interface Destination permits Destination.Channel, Destination.Direct, Destination.Home {

    TenantRef tenant();

    default Platform platform() {
        return tenant().platform();
    }

    /**
     * A channel or group conversation: a Slack channel id, or a Teams conversation id (a channel's, or a chat's).
     * {@code threadId} is a Slack thread's parent ts or a Teams reply chain's root message id, or null.
     */
    record Channel(TenantRef tenant, String channelId, String threadId) implements Destination {
        public Channel {
            Objects.requireNonNull(tenant, "tenant");
            if (channelId == null || channelId.isBlank()) {
                throw new IllegalArgumentException("channelId must not be blank");
            }
        }

        public Channel(TenantRef tenant, String channelId) {
            this(tenant, channelId, null);
        }

        public Channel inThread(String parentMessageId) {
            return new Channel(tenant, channelId, parentMessageId);
        }
    }

    /** The direct (1:1) conversation between the bot and a person. */
    record Direct(UserRef user) implements Destination {
        public Direct {
            Objects.requireNonNull(user, "user");
        }

        @Override
        public TenantRef tenant() {
            return user.tenant();
        }
    }

    /**
     * A person's home surface (Slack's App Home tab): a send publishes the message there in place of what was there,
     * an update publishes it again. A platform without one refuses it.
     */
    record Home(UserRef user) implements Destination {
        public Home {
            Objects.requireNonNull(user, "user");
        }

        @Override
        public TenantRef tenant() {
            return user.tenant();
        }
    }
}
