package io.opsbot.core.people;

import io.opsbot.core.gateway.Destination;
import io.opsbot.core.tenant.Platform;
import io.opsbot.core.tenant.UserRef;

import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

/**
 * What a platform knows about people, asked by the core when it needs it: a Slack profile's time zone
 * ({@code users.info}), the members of a channel. Adapters implement it; answers may be empty when the platform does
 * not say.
 */
public interface PeopleDirectory {

    Platform platform();

    /** The person's time zone as the platform knows it. */
    Optional<ZoneId> zone(UserRef user);

    Optional<String> displayName(UserRef user);

    /** The people (not bots) in a channel. */
    List<UserRef> members(Destination.Channel channel);
}
