package io.opsbot.core.message;

import java.util.Objects;

/**
 * A button. {@code actionId} routes the click to an {@link io.opsbot.core.conversation.ActionHandler}; {@code value}
 * carries what the handler needs (an item id, a step number).
 */
public record Button(String actionId, String label, String value, Style style) {

    public enum Style { DEFAULT, PRIMARY, DANGER }

    public Button {
        Objects.requireNonNull(actionId, "actionId");
        Objects.requireNonNull(label, "label");
        value = value == null ? "" : value;
        style = style == null ? Style.DEFAULT : style;
    }

    public static Button of(String actionId, String label, String value) {
        return new Button(actionId, label, value, Style.DEFAULT);
    }

    public static Button primary(String actionId, String label, String value) {
        return new Button(actionId, label, value, Style.PRIMARY);
    }

    public static Button danger(String actionId, String label, String value) {
        return new Button(actionId, label, value, Style.DANGER);
    }
}
