package io.opsbot.core.conversation;

import io.opsbot.core.message.Message;

import java.util.Map;

/** The outcome of a form submission: rejected with errors per input, or accepted with a confirmation. */
public sealed interface SubmissionResult permits SubmissionResult.Rejected, SubmissionResult.Accepted {

    record Rejected(Map<String, String> errors) implements SubmissionResult {
        public Rejected {
            if (errors == null || errors.isEmpty()) {
                throw new IllegalArgumentException("a rejection needs at least one error");
            }
            errors = Map.copyOf(errors);
        }
    }

    /** {@code confirmation} is shown to the submitter (it replaces the card on Teams). */
    record Accepted(Message confirmation) implements SubmissionResult {
    }

    static Rejected rejected(String inputId, String error) {
        return new Rejected(Map.of(inputId, error));
    }

    static Accepted accepted(Message confirmation) {
        return new Accepted(confirmation);
    }
}
