package io.opsbot.core.conversation;

import io.opsbot.core.access.Permission;
import io.opsbot.core.access.Role;
import io.opsbot.core.message.ButtonValue;

import java.util.Objects;

/**
 * A button's click, declared once: its action id, who may click it, and what runs. The engine checks the role
 * before the handler runs, with the same policy as commands, so a card's button (or its data replayed from another
 * chat) does for each person only what that person may do.
 */
public record Action(String id, Permission permission, Handler handler) {

    /** The one reply to a click that no longer leads anywhere: an old card, a removed button, forged data. */
    public static final String NO_LONGER_ACTIVE = "That button is no longer active.";

    /** What runs, with the button's value already decoded. */
    @FunctionalInterface
    public interface Handler {
        Response handle(ActionRequest request, ButtonValue value);
    }

    public Action {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(permission, "permission");
        Objects.requireNonNull(handler, "handler");
    }

    /** Anyone in the tenant may click it (the handler may still check the person against what it acts on). */
    public static Action anyone(String id, Handler handler) {
        return new Action(id, Permission.ANYONE, handler);
    }

    /** Only people holding the role; {@code what} is what the button does, as a refusal says it. */
    public static Action needing(Role role, String what, String id, Handler handler) {
        return new Action(id, Permission.of(role, what), handler);
    }

    /** Thrown by a handler whose button's value points nowhere; answered with {@link #NO_LONGER_ACTIVE}. */
    public static UserError noLongerActive() {
        return new UserError(NO_LONGER_ACTIVE);
    }
}
