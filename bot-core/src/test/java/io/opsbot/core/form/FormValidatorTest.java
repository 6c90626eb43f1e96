package io.opsbot.core.form;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class FormValidatorTest {

    private final Form form = Form.builder("f", "Form").submit("Save")
            .input(Input.text("summary").label("Summary").required().max(10))
            .input(Input.select("kind", List.of(new Choice("a", "A"), new Choice("b", "B"))).label("Kind"))
            .input(Input.number("impact").label("Impact").between(1, 5))
            .input(Input.number("value").label("Value").decimal())
            .input(Input.date("due").label("Due"))
            .build();

    @Test
    void validValuesPass() {
        assertThat(FormValidator.validate(form, Map.of("summary", "ok", "kind", "b", "impact", "3",
                "value", "1,250.5", "due", "2027-03-31"))).isEmpty();
    }

    @Test
    void eachRuleHasItsOwnMessage() {
        Map<String, String> errors = FormValidator.validate(form, Map.of("summary", "   ", "kind", "z",
                "impact", "9", "value", "lots", "due", "31/03/2027"));

        assertThat(errors).containsOnlyKeys("summary", "kind", "impact", "value", "due");
        assertThat(errors.get("summary")).isEqualTo("Summary is required.");
        assertThat(errors.get("kind")).isEqualTo("Pick one of the listed options.");
        assertThat(errors.get("impact")).isEqualTo("Enter a number from 1 to 5.");
        assertThat(errors.get("value")).startsWith("Enter a number");
        assertThat(errors.get("due")).isEqualTo("Enter a date as YYYY-MM-DD.");
    }

    @Test
    void wholeNumbersAndLengthAreChecked() {
        Map<String, String> errors = FormValidator.validate(form, Map.of("summary", "12345678901", "impact", "2.5"));

        assertThat(errors.get("summary")).contains("too long: 11 characters, the limit is 10");
        assertThat(errors.get("impact")).isEqualTo("Enter a whole number.");
    }

    @Test
    void rejectedFormKeepsWhatWasTyped() {
        Form again = form.rejected(Map.of("summary", "typed", "kind", "a"), Map.of("summary", "bad"));

        assertThat(again.input("summary").initial()).isEqualTo("typed");
        assertThat(again.input("kind").initial()).isEqualTo("a");
        assertThat(again.errors()).containsEntry("summary", "bad");
    }
}
