package io.opsbot.core.people;

import io.opsbot.core.gateway.Destination;
import io.opsbot.core.tenant.UserRef;

import java.time.ZoneId;
import java.util.Objects;

/**
 * A person (never a bot: adapters leave those out) joined: the workspace (Slack {@code team_join}), a channel (Slack
 * {@code member_joined_channel}) or a team the bot is installed in (Teams {@code conversationUpdate} with
 * {@code membersAdded}). {@code channel} is where they joined (null for a whole workspace), {@code displayName} and
 * {@code zone} what the platform said about them (either may be null).
 */
public record MemberJoined(UserRef user, String displayName, Scope scope, Destination.Channel channel, ZoneId zone) {

    public enum Scope { WORKSPACE, CHANNEL, TEAM }

    public MemberJoined {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(scope, "scope");
        if (scope != Scope.WORKSPACE && channel == null) {
            throw new IllegalArgumentException("a channel or team join says where");
        }
    }
}
