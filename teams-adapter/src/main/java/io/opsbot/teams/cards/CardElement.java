package io.opsbot.teams.cards;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.annotation.JsonTypeName;

import java.math.BigDecimal;
import java.util.List;

/** The card body elements this bot uses. Null fields are left out of the JSON. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "type")
@JsonSubTypes({
        @JsonSubTypes.Type(CardElement.TextBlock.class), @JsonSubTypes.Type(CardElement.FactSet.class),
        @JsonSubTypes.Type(CardElement.ActionSet.class), @JsonSubTypes.Type(CardElement.InputText.class),
        @JsonSubTypes.Type(CardElement.InputChoiceSet.class), @JsonSubTypes.Type(CardElement.InputNumber.class),
        @JsonSubTypes.Type(CardElement.InputDate.class), @JsonSubTypes.Type(CardElement.InputTime.class)})
@JsonInclude(JsonInclude.Include.NON_NULL)
public sealed interface CardElement {

    /** The same element drawn with a line above it (Adaptive Cards have no divider element). */
    CardElement separated();

    @JsonTypeName("TextBlock")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record TextBlock(String text, Boolean wrap, String size, String weight, String color, Boolean isSubtle,
                     String spacing, Boolean separator) implements CardElement {

        public static TextBlock of(String markdown) {
            return new TextBlock(markdown, true, null, null, null, null, null, null);
        }

        public TextBlock styled(String newSize, String newWeight, String newColor, Boolean subtle, String newSpacing) {
            return new TextBlock(text, wrap, newSize, newWeight, newColor, subtle, newSpacing, separator);
        }

        @Override
        public TextBlock separated() {
            return new TextBlock(text, wrap, size, weight, color, isSubtle, spacing, true);
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Fact(String title, String value) {
    }

    @JsonTypeName("FactSet")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record FactSet(List<Fact> facts, Boolean separator) implements CardElement {
        @Override
        public FactSet separated() {
            return new FactSet(facts, true);
        }
    }

    @JsonTypeName("ActionSet")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record ActionSet(List<CardAction> actions, Boolean separator) implements CardElement {
        @Override
        public ActionSet separated() {
            return new ActionSet(actions, true);
        }
    }

    @JsonTypeName("Input.Text")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    /** {@code style} {@code password} (schema 1.5) hides what is typed. */
    record InputText(String id, String label, Boolean isRequired, String errorMessage, String placeholder,
                     Boolean isMultiline, Integer maxLength, String value, String style) implements CardElement {
        @Override
        public InputText separated() {
            return this;
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Choice(String title, String value) {
    }

    @JsonTypeName("Input.ChoiceSet")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    /**
     * A choice set; style {@code filtered} (a searchable list, schema 1.5) is the people picker. Dynamic choices
     * ({@code choices.data}, Data.Query) are Adaptive Cards 1.6 and would make the card invalid at the 1.5 Teams
     * supports, so people are listed from what the bot knows of the tenant.
     */
    record InputChoiceSet(String id, String label, Boolean isRequired, String errorMessage, String style,
                          List<Choice> choices, String value, Boolean isMultiSelect) implements CardElement {
        @Override
        public InputChoiceSet separated() {
            return this;
        }
    }

    @JsonTypeName("Input.Time")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record InputTime(String id, String label, Boolean isRequired, String errorMessage, String value)
            implements CardElement {
        @Override
        public InputTime separated() {
            return this;
        }
    }

    @JsonTypeName("Input.Number")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record InputNumber(String id, String label, Boolean isRequired, String errorMessage, BigDecimal min,
                       BigDecimal max, BigDecimal value) implements CardElement {
        @Override
        public InputNumber separated() {
            return this;
        }
    }

    @JsonTypeName("Input.Date")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record InputDate(String id, String label, Boolean isRequired, String errorMessage, String value)
            implements CardElement {
        @Override
        public InputDate separated() {
            return this;
        }
    }
}
