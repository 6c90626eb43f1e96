package io.opsbot.core.conversation;

import io.opsbot.core.gateway.PostedMessage;

import java.util.Objects;

/** A button click: the button's action id and value, who clicked, and the message it sits on (null if unknown). */
public record ActionRequest(Invoker invoker, String actionId, String value, PostedMessage source) {

    public ActionRequest {
        Objects.requireNonNull(invoker, "invoker");
        Objects.requireNonNull(actionId, "actionId");
        value = value == null ? "" : value;
    }
}
