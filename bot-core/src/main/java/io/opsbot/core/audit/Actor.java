package io.opsbot.core.audit;

import io.opsbot.core.tenant.UserRef;

import java.util.Objects;

/**
 * Who made a change, as the audit log keeps it: the person, their name at the time, and where they made it
 * ({@code SLACK}, {@code TEAMS}; another front end such as a web page names itself).
 */
public record Actor(UserRef user, String name, String via) {

    public Actor {
        Objects.requireNonNull(user, "user");
        name = name == null || name.isBlank() ? user.userId() : name;
        via = via == null || via.isBlank() ? user.platform().name() : via;
    }

    /** Someone acting in chat, on their own platform. */
    public static Actor inChat(UserRef user, String name) {
        return new Actor(user, name, null);
    }
}
