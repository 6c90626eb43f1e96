package io.opsbot.core.feedback;

/**
 * An open item that looked like this one when it was captured ({@link FeedbackSearch#similar}): shown on the triage
 * card with a button to merge, and to the reporter with a button to vote for it instead.
 */
public record DuplicateHint(String itemId, long number, String summary, int votes) {
}
