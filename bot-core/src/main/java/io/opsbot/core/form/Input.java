package io.opsbot.core.form;

import java.util.List;
import java.util.Objects;

/**
 * One input of a {@link Form}. Values travel as strings: numbers in plain decimal notation, dates as ISO
 * {@code yyyy-MM-dd}, times as {@code HH:mm}, selects as the chosen {@link Choice#value()}; multi-selects and people
 * as comma-separated values (people by platform user id), channels by platform channel id. {@link FormValidator} checks them against these
 * definitions, so every platform gets the same rules.
 */
public sealed interface Input permits Input.Text, Input.Select, Input.Number, Input.Date, Input.Time,
        Input.MultiSelect, Input.People, Input.Channel {

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

    /** A time of day, {@code HH:mm}. */
    record Time(String id, String label, boolean required, String hint, String initial) implements Input {
        public Time {
            requireId(id, label);
        }

        @Override
        public Time withInitial(String value) {
            return new Time(id, label, required, hint, value);
        }
    }

    /** Several of a fixed list (days of the week). */
    record MultiSelect(String id, String label, boolean required, String hint, String initial, List<Choice> choices)
            implements Input {
        public MultiSelect {
            requireId(id, label);
            choices = List.copyOf(choices);
            if (choices.isEmpty()) {
                throw new IllegalArgumentException("a multi-select needs choices");
            }
        }

        public boolean hasChoice(String value) {
            return choices.stream().anyMatch(c -> c.value().equals(value));
        }

        @Override
        public MultiSelect withInitial(String value) {
            return new MultiSelect(id, label, required, hint, value, choices);
        }
    }

    /** People of the workspace/tenant, picked with the platform's own people picker. */
    record People(String id, String label, boolean required, String hint, String initial, boolean multiple)
            implements Input {
        public People {
            requireId(id, label);
        }

        @Override
        public People withInitial(String value) {
            return new People(id, label, required, hint, value, multiple);
        }
    }

    /** A channel the bot can post in, picked with the platform's own picker or from the channels it knows. */
    record Channel(String id, String label, boolean required, String hint, String initial) implements Input {
        public Channel {
            requireId(id, label);
        }

        @Override
        public Channel withInitial(String value) {
            return new Channel(id, label, required, hint, value);
        }
    }

    /** Splits a multi-value ({@code a,b}) into its values, dropping blanks. */
    static List<String> values(String raw) {
        if (raw == null || raw.isBlank()) {
            return List.of();
        }
        return java.util.Arrays.stream(raw.split(",")).map(String::strip).filter(v -> !v.isEmpty()).toList();
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
