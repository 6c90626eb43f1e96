package io.opsbot.core.message;

import java.util.Objects;

/** A label/value pair shown in a section (Block Kit fields, Adaptive Card fact set). */
public record Field(String label, Markup value) {

    public Field {
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(value, "value");
    }

    public static Field of(String label, String value) {
        return new Field(label, Markup.plain(value == null || value.isBlank() ? "—" : value));
    }
}
