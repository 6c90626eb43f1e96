package io.opsbot.core.message;

import java.util.Objects;

/**
 * A button. {@code actionId} routes the click to the {@link io.opsbot.core.conversation.Action} declared for it;
 * {@code value} carries what the action needs (an item id, a step number), written with {@link ButtonValue}.
 */
public record Button(String actionId, String label, String value, Style style) {

    public enum Style { DEFAULT, PRIMARY, DANGER }

    public Button {
        Objects.requireNonNull(actionId, "actionId");
        Objects.requireNonNull(label, "label");
        value = value == null ? "" : value;
        style = style == null ? Style.DEFAULT : style;
    }

    public static Button of(String actionId, String label, ButtonValue value) {
        return new Button(actionId, label, value.encode(), Style.DEFAULT);
    }

    public static Button primary(String actionId, String label, ButtonValue value) {
        return new Button(actionId, label, value.encode(), Style.PRIMARY);
    }

    public static Button danger(String actionId, String label, ButtonValue value) {
        return new Button(actionId, label, value.encode(), Style.DANGER);
    }
}
