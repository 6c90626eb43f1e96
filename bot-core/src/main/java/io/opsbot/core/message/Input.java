package io.opsbot.core.message;

import java.util.List;
import java.util.Objects;

/**
 * One input of a {@link Form}. Values travel as strings: numbers in plain decimal notation, dates as ISO
 * {@code yyyy-MM-dd}, selects as the chosen {@link Choice#value()}. {@link FormValidator} checks them against these
 * definitions, so every platform gets the same rules.
 */
public sealed interface Input permits Input.Text, Input.Select, Input.Number, Input.Date {

    String id();

    String label();

    boolean required();

    /** A hint shown under the input, or null. */
    String hint();

    /** The value the input starts with, or null. */
    String initial();

    Input withInitial(String value);

    /** Short (one line) or long (multi-line) free text. */
    record Text(String id, String label, boolean required, String hint, String initial, boolean multiline,
                int maxLength, String placeholder) implements Input {
        public Text {
            requireId(id, label);
            if (maxLength <= 0) {
                throw new IllegalArgumentException("maxLength must be positive");
            }
        }

        @Override
        public Text withInitial(String value) {
            return new Text(id, label, required, hint, value, multiline, maxLength, placeholder);
        }
    }

    record Select(String id, String label, boolean required, String hint, String initial, List<Choice> choices)
            implements Input {
        public Select {
            requireId(id, label);
            choices = List.copyOf(choices);
            if (choices.isEmpty()) {
                throw new IllegalArgumentException("a select needs choices");
            }
        }

        public boolean hasChoice(String value) {
            return choices.stream().anyMatch(c -> c.value().equals(value));
        }

        @Override
        public Select withInitial(String value) {
            return new Select(id, label, required, hint, value, choices);
        }
    }

    /** A number between {@code min} and {@code max} (either may be null); {@code decimal} allows fractions. */
    record Number(String id, String label, boolean required, String hint, String initial, java.math.BigDecimal min,
                  java.math.BigDecimal max, boolean decimal) implements Input {
        public Number {
            requireId(id, label);
        }

        @Override
        public Number withInitial(String value) {
            return new Number(id, label, required, hint, value, min, max, decimal);
        }
    }

    record Date(String id, String label, boolean required, String hint, String initial) implements Input {
        public Date {
            requireId(id, label);
        }

        @Override
        public Date withInitial(String value) {
            return new Date(id, label, required, hint, value);
        }
    }

    static Text shortText(String id, String label, boolean required, int maxLength) {
        return new Text(id, label, required, null, null, false, maxLength, null);
    }

    static Text longText(String id, String label, boolean required, int maxLength) {
        return new Text(id, label, required, null, null, true, maxLength, null);
    }

    private static void requireId(String id, String label) {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(label, "label");
        if (!id.matches("[a-z][a-z0-9_]{0,63}")) {
            throw new IllegalArgumentException("input ids are short snake_case: " + id);
        }
    }
}
