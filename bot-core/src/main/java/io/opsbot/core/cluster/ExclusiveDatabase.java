package io.opsbot.core.cluster;

/**
 * Present when this process owns its database exclusively (the embedded one): every other instance ever recorded in
 * it is a previous run of this bot, so their leases are freed at start-up without waiting for them to time out.
 */
public interface ExclusiveDatabase {
}
