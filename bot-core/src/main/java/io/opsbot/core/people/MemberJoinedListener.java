package io.opsbot.core.people;

import io.opsbot.core.gateway.Destination;

/** Something that reacts when a person joins (onboarding starts its track). Beans are called by {@link MemberJoins}. */
public interface MemberJoinedListener {

    void onMemberJoined(MemberJoined joined);

    /** Whether someone joining this channel matters to it (joins of other channels are not even looked up). */
    default boolean watches(Destination.Channel channel) {
        return false;
    }
}
