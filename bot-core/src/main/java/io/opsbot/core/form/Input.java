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

    /**
     * Short (one line) or long (multi-line) free text; {@code secret} (an API token) is typed hidden where the
     * platform can hide it (Teams) and never shown filled in.
     */
    record Text(String id, String label, boolean required, String hint, String initial, boolean multiline,
                int maxLength, String placeholder, boolean secret) implements Input {
        public Text {
            requireId(id, label);
            if (maxLength <= 0) {
                throw new IllegalArgumentException("maxLength must be positive");
            }
        }

        @Override
        public Text withInitial(String value) {
            return new Text(id, label, required, hint, secret ? null : value, multiline, maxLength, placeholder,
                    secret);
        }
    }

    /**
     * One of a list; {@code expanded} shows every option at once (radio buttons, an expanded choice set) instead of a
     * drop-down, for short lists such as yes/no or a 1-5 scale.
     */
    record Select(String id, String label, boolean required, String hint, String initial, List<Choice> choices,
                  boolean expanded) implements Input {
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
            return new Select(id, label, required, hint, value, choices, expanded);
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

    // ---- builders: how features write inputs -----------------------------------------------------------------------

    /** Free text, one line unless {@link TextBuilder#multiline()}; at most 3,000 characters unless {@code max}. */
    static TextBuilder text(String id) {
        return new TextBuilder(id);
    }

    /** One of {@code choices}. */
    static SelectBuilder select(String id, List<Choice> choices) {
        return new SelectBuilder(id, choices, false);
    }

    /** Several of {@code choices}. */
    static SelectBuilder multiSelect(String id, List<Choice> choices) {
        return new SelectBuilder(id, choices, true);
    }

    /** A whole number unless {@link NumberBuilder#decimal()}. */
    static NumberBuilder number(String id) {
        return new NumberBuilder(id);
    }

    static DateBuilder date(String id) {
        return new DateBuilder(id, false);
    }

    static DateBuilder time(String id) {
        return new DateBuilder(id, true);
    }

    /** One person unless {@link PeopleBuilder#multiple()}. */
    static PeopleBuilder people(String id) {
        return new PeopleBuilder(id);
    }

    static ChannelBuilder channel(String id) {
        return new ChannelBuilder(id);
    }

    /**
     * What every input has: {@code Input.text("summary").label("Summary").required().max(150)}. Inputs are built
     * this way, never with the records' positional constructors, so a boolean or a null is never put in the wrong
     * place. {@link Form.Builder#input} takes a builder as it is.
     */
    abstract sealed class Builder<B extends Builder<B>>
            permits TextBuilder, SelectBuilder, NumberBuilder, DateBuilder, PeopleBuilder, ChannelBuilder {
        final String id;
        String label;
        boolean required;
        String hint;
        String initial;

        Builder(String id) {
            this.id = id;
        }

        /** What the input is called (required). */
        public B label(String text) {
            this.label = text;
            return self();
        }

        /** It must be filled in. */
        public B required() {
            this.required = true;
            return self();
        }

        /** A line shown with the input. */
        public B hint(String text) {
            this.hint = text;
            return self();
        }

        /** What it starts with. */
        public B initial(String value) {
            this.initial = value;
            return self();
        }

        @SuppressWarnings("unchecked")
        private B self() {
            return (B) this;
        }

        public abstract Input build();
    }

    final class TextBuilder extends Builder<TextBuilder> {
        private boolean multiline;
        private int maxLength = 3000;
        private String placeholder;
        private boolean secret;

        TextBuilder(String id) {
            super(id);
        }

        /** Several lines. */
        public TextBuilder multiline() {
            this.multiline = true;
            return this;
        }

        /** At most this many characters. */
        public TextBuilder max(int characters) {
            this.maxLength = characters;
            return this;
        }

        /** Grey text shown while it is empty. */
        public TextBuilder placeholder(String text) {
            this.placeholder = text;
            return this;
        }

        /** A credential: hidden while typed where the platform allows, never prefilled. */
        public TextBuilder secret() {
            this.secret = true;
            return this;
        }

        @Override
        public Text build() {
            return new Text(id, label, required, hint, secret ? null : initial, multiline, maxLength, placeholder,
                    secret);
        }
    }

    final class SelectBuilder extends Builder<SelectBuilder> {
        private final List<Choice> choices;
        private final boolean multiple;
        private boolean expanded;

        SelectBuilder(String id, List<Choice> choices, boolean multiple) {
            super(id);
            this.choices = choices;
            this.multiple = multiple;
        }

        /** Every option shown at once rather than in a drop-down (a multi-select always shows them). */
        public SelectBuilder expanded() {
            this.expanded = true;
            return this;
        }

        @Override
        public Input build() {
            return multiple ? new MultiSelect(id, label, required, hint, initial, choices)
                    : new Select(id, label, required, hint, initial, choices, expanded);
        }
    }

    final class NumberBuilder extends Builder<NumberBuilder> {
        private java.math.BigDecimal min;
        private java.math.BigDecimal max;
        private boolean decimal;

        NumberBuilder(String id) {
            super(id);
        }

        public NumberBuilder min(java.math.BigDecimal value) {
            this.min = value;
            return this;
        }

        public NumberBuilder max(java.math.BigDecimal value) {
            this.max = value;
            return this;
        }

        /** Between these whole numbers, both included. */
        public NumberBuilder between(long low, long high) {
            return min(java.math.BigDecimal.valueOf(low)).max(java.math.BigDecimal.valueOf(high));
        }

        /** Fractions allowed. */
        public NumberBuilder decimal() {
            this.decimal = true;
            return this;
        }

        @Override
        public Number build() {
            return new Number(id, label, required, hint, initial, min, max, decimal);
        }
    }

    final class DateBuilder extends Builder<DateBuilder> {
        private final boolean timeOfDay;

        DateBuilder(String id, boolean timeOfDay) {
            super(id);
            this.timeOfDay = timeOfDay;
        }

        @Override
        public Input build() {
            return timeOfDay ? new Time(id, label, required, hint, initial) : new Date(id, label, required, hint,
                    initial);
        }
    }

    final class PeopleBuilder extends Builder<PeopleBuilder> {
        private boolean multiple;

        PeopleBuilder(String id) {
            super(id);
        }

        /** Several people. */
        public PeopleBuilder multiple() {
            this.multiple = true;
            return this;
        }

        @Override
        public People build() {
            return new People(id, label, required, hint, initial, multiple);
        }
    }

    final class ChannelBuilder extends Builder<ChannelBuilder> {
        ChannelBuilder(String id) {
            super(id);
        }

        @Override
        public Channel build() {
            return new Channel(id, label, required, hint, initial);
        }
    }

    private static void requireId(String id, String label) {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(label, "label");
        if (!id.matches("[a-z][a-z0-9_]{0,63}")) {
            throw new IllegalArgumentException("input ids are short snake_case: " + id);
        }
    }
}
