package io.opsbot.core.cluster;

/**
 * Something that leases work in MongoDB on behalf of an instance (a delivery being sent, a nudge being fired). When an
 * instance is gone (crashed, or stopped), its leases are handed back so another instance carries on at once instead
 * of waiting for them to expire.
 */
public interface LeaseHolder {

    /** Frees every lease the instance holds; returns how many. */
    long releaseLeasesOf(String instanceId);
}
