package io.opsbot.core.blocker;

import io.opsbot.core.tenant.UserRef;

/**
 * The ritual a blocker came from (a standup): who besides its author may resolve it, and what to refresh when it is.
 */
public interface BlockerSource {

    /** The ritual kind it answers for, as {@link Blocker#getRitual()} names it. */
    String ritual();

    /** Refuses (a {@code UserError}) unless this person, who is not the author, may resolve it. */
    void requireMayResolveFor(UserRef user, Blocker blocker);

    /** A blocker was resolved: e.g. today's summary shows it no more. */
    void resolved(Blocker blocker);
}
