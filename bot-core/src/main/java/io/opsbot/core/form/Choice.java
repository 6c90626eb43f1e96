package io.opsbot.core.form;

import java.util.Objects;

/** One option of a single-select input. */
public record Choice(String value, String label) {

    public Choice {
        Objects.requireNonNull(value, "value");
        label = label == null ? value : label;
    }
}
