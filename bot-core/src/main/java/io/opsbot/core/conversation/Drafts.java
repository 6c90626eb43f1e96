package io.opsbot.core.conversation;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import org.springframework.stereotype.Component;

import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Checks a draft (what a form or a command collected, before it is stored) against its Bean Validation annotations
 * ({@code @NotBlank}, {@code @Size}, {@code @Min}...), whose messages are written for people. The first broken rule,
 * in the order the draft declares its fields, becomes an {@link InputError} naming that field; rules that need the
 * database stay in the services.
 */
@Component
public class Drafts {

    private final Validator validator;

    public Drafts(Validator validator) {
        this.validator = validator;
    }

    /** Returns the draft when every plain rule holds; throws an {@link InputError} for the first that does not. */
    public <T extends Record> T check(T draft) {
        List<String> order = Arrays.stream(draft.getClass().getRecordComponents()).map(RecordComponent::getName)
                .toList();
        validator.validate(draft).stream()
                .min(Comparator.comparingInt((ConstraintViolation<T> v) -> order.indexOf(field(v)))
                        .thenComparing(ConstraintViolation::getMessage))
                .ifPresent(v -> {
                    throw new InputError(field(v), v.getMessage());
                });
        return draft;
    }

    private static String field(ConstraintViolation<?> violation) {
        String path = violation.getPropertyPath().toString();
        int dot = path.indexOf('.');
        return dot < 0 ? path : path.substring(0, dot);
    }
}
