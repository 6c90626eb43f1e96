package io.opsbot.core.conversation;

import io.opsbot.core.message.Message;

import java.util.Map;
import java.util.Objects;

/**
 * The outcome of a form submission: rejected with errors per input, accepted with a confirmation, or refused because
 * the submitter may not do it (nothing was done, and the form stays open for whoever may).
 */
public sealed interface SubmissionResult permits SubmissionResult.Rejected, SubmissionResult.Accepted,
        SubmissionResult.Refused {

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

    /**
     * The submitter may not do this ({@code reason} says who may). Adapters tell them and keep the form usable: a
     * card forwarded to, or replayed by, someone else must not use it up for the person it was for.
     */
    record Refused(Message reason) implements SubmissionResult {
        public Refused {
            Objects.requireNonNull(reason, "reason");
        }
    }

    static Rejected rejected(String inputId, String error) {
        return new Rejected(Map.of(inputId, error));
    }

    static Accepted accepted(Message confirmation) {
        return new Accepted(confirmation);
    }
}
