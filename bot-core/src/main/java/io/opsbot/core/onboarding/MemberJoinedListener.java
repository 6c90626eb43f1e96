package io.opsbot.core.onboarding;

/** Something that reacts when a person joins (onboarding starts its track). Beans are called by {@link MemberJoins}. */
public interface MemberJoinedListener {

    void onMemberJoined(MemberJoined joined);
}
