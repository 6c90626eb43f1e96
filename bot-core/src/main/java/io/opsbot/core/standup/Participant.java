package io.opsbot.core.standup;

import io.opsbot.core.tenant.UserRef;

import java.time.ZoneId;

/** A person taking part in a standup, with the zone they are asked in. */
record Participant(UserRef user, String name, ZoneId zone) {
}
