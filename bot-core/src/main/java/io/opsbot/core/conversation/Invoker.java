package io.opsbot.core.conversation;

import io.opsbot.core.audit.Actor;
import io.opsbot.core.gateway.Destination;
import io.opsbot.core.tenant.Platform;
import io.opsbot.core.tenant.TenantRef;
import io.opsbot.core.tenant.UserRef;

import java.time.ZoneId;
import java.util.Objects;

/**
 * Who did something and where: the person, their display name, the conversation it happened in (null when the
 * platform does not say, as for a Slack modal submission) and whether that conversation is a 1:1 chat with the bot.
 * {@code zone} is the person's time zone when the platform tells it (Teams clientInfo), else null. {@code via} names
 * a front end other than the person's chat (the web dashboard), as the audit log records it; null in chat.
 */
public record Invoker(UserRef user, String displayName, Destination.Channel conversation, boolean direct,
                      ZoneId zone, String via) {

    public Invoker {
        Objects.requireNonNull(user, "user");
        displayName = displayName == null || displayName.isBlank() ? user.userId() : displayName;
    }

    public Invoker(UserRef user, String displayName, Destination.Channel conversation, boolean direct, ZoneId zone) {
        this(user, displayName, conversation, direct, zone, null);
    }

    /** Someone acting from another front end than chat ({@code via}: "DASHBOARD"): no conversation to answer in. */
    public static Invoker from(UserRef user, String displayName, String via) {
        return new Invoker(user, displayName, null, false, null, via);
    }

    public TenantRef tenant() {
        return user.tenant();
    }

    public Platform platform() {
        return user.platform();
    }

    /** This person as the audit log names who made a change. */
    public Actor actor() {
        return new Actor(user, displayName, via);
    }
}
