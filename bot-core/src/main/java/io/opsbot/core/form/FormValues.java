package io.opsbot.core.form;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;

/** Typed access to a validated submission's values. Blank values read as empty. */
public record FormValues(Map<String, String> values) {

    public FormValues {
        values = Map.copyOf(values);
    }

    public Optional<String> text(String id) {
        String value = values.get(id);
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.strip());
    }

    public Optional<BigDecimal> number(String id) {
        return text(id).map(v -> new BigDecimal(v.replace(",", "")));
    }

    public Optional<Integer> integer(String id) {
        return number(id).map(BigDecimal::intValueExact);
    }

    public Optional<LocalDate> date(String id) {
        return text(id).map(LocalDate::parse);
    }

    public Optional<java.time.LocalTime> time(String id) {
        return text(id).map(v -> java.time.LocalTime.parse(v.length() == 4 ? "0" + v : v));
    }

    /** The values of a multi-select or people input. */
    public java.util.List<String> list(String id) {
        return Input.values(values.get(id));
    }
}
