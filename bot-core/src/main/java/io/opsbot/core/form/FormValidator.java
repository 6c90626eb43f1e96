package io.opsbot.core.form;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Checks submitted values against a form's input definitions: required, length, number syntax and bounds, date
 * syntax, select membership. Slack and Teams clients validate some of this themselves, but a crafted or stale request
 * must not get past the core, so every submission goes through here.
 */
public final class FormValidator {

    private FormValidator() {
    }

    /** Returns input id -> error message, empty when the values are valid. */
    public static Map<String, String> validate(Form form, Map<String, String> values) {
        Map<String, String> errors = new LinkedHashMap<>();
        for (Input input : form.inputs()) {
            String raw = values.get(input.id());
            String value = raw == null ? "" : raw.strip();
            if (value.isEmpty()) {
                if (input.required()) {
                    errors.put(input.id(), input.label() + " is required.");
                }
                continue;
            }
            String error;
            if (input instanceof Input.Text text) {
                error = value.length() > text.maxLength()
                        ? input.label() + " is too long: " + value.length() + " characters, the limit is "
                          + text.maxLength() + "."
                        : null;
            } else if (input instanceof Input.Select select) {
                error = select.hasChoice(value) ? null : "Pick one of the listed options.";
            } else if (input instanceof Input.Number number) {
                error = checkNumber(number, value);
            } else if (input instanceof Input.Date) {
                error = checkDate(value);
            } else if (input instanceof Input.Time) {
                error = checkTime(value);
            } else if (input instanceof Input.MultiSelect multi) {
                error = Input.values(value).stream().allMatch(multi::hasChoice) ? null
                        : "Pick from the listed options.";
            } else if (input instanceof Input.People people) {
                error = !people.multiple() && Input.values(value).size() > 1 ? "Pick one person." : null;
            } else {
                error = null;
            }
            if (error != null) {
                errors.put(input.id(), error);
            }
        }
        return errors;
    }

    private static String checkNumber(Input.Number input, String value) {
        BigDecimal number;
        try {
            number = new BigDecimal(value.replace(",", ""));
        } catch (NumberFormatException e) {
            return "Enter a number, for example " + (input.decimal() ? "12.5" : "3") + ".";
        }
        if (!input.decimal() && number.stripTrailingZeros().scale() > 0) {
            return "Enter a whole number.";
        }
        if (input.min() != null && number.compareTo(input.min()) < 0
                || input.max() != null && number.compareTo(input.max()) > 0) {
            return "Enter a number from " + plain(input.min()) + " to " + plain(input.max()) + ".";
        }
        return null;
    }

    private static String plain(BigDecimal bound) {
        return bound == null ? "any" : bound.toPlainString();
    }

    private static String checkTime(String value) {
        try {
            java.time.LocalTime.parse(value.length() == 4 ? "0" + value : value);
            return null;
        } catch (DateTimeParseException e) {
            return "Enter a time as HH:MM, for example 09:30.";
        }
    }

    private static String checkDate(String value) {
        try {
            LocalDate.parse(value);
            return null;
        } catch (DateTimeParseException e) {
            return "Enter a date as YYYY-MM-DD.";
        }
    }
}
