package io.opsbot.core.feedback;

/** How an item was captured. */
public enum FeedbackSource {
    /** Typed after the command: {@code /feedback Export is slow #reporting}. */
    COMMAND,
    /** Filled in the feedback form. */
    FORM,
    /** Saved from an existing chat message ("Save as feedback"). */
    MESSAGE
}
