package io.opsbot.core.feedback;

import io.opsbot.core.tenant.UserRef;

import java.time.Instant;

/**
 * One person asking for an item: "me too" from a button, a reaction or {@code feedback +1}, or the reporter's own
 * request. {@code voterKey} is the person's {@link UserRef#key()}: an item holds at most one vote per key (the update
 * that adds a vote matches only while the key is absent), and {@code customer} is the account they asked for, if any.
 */
public record Vote(String voterKey, UserRef voter, String voterName, String customer, Source source, Instant at) {

    /** Where the vote came from. */
    public enum Source { REPORTER, BUTTON, REACTION, COMMAND, MERGE }

    static Vote of(UserRef voter, String voterName, String customer, Source source, Instant at) {
        return new Vote(voter.key(), voter, voterName, customer, source, at);
    }

    /** The same person's vote as moved to another item by a merge (their customer kept). */
    Vote merged(Instant now) {
        return new Vote(voterKey, voter, voterName, customer, Source.MERGE, now);
    }
}
