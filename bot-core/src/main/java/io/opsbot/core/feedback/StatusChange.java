package io.opsbot.core.feedback;

import io.opsbot.core.tenant.UserRef;

import java.time.Instant;

/** One entry of an item's history. */
public record StatusChange(FeedbackStatus from, FeedbackStatus to, UserRef by, String byName, Instant at) {
}
