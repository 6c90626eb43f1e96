package io.opsbot.core.gateway;

import java.time.Duration;

/** A platform refused a send or an edit for now and said when to try again (Retry-After, or the bot's own pace). */
public record RetryLater(Duration after) {
}
