package io.opsbot.core.schedule;

import java.time.DateTimeException;
import java.time.ZoneId;

/** The one rule for time zones people type: an IANA name such as Europe/Berlin (or UTC), so DST is followed. */
public final class Zones {

    private Zones() {
    }

    /**
     * The zone named; an {@link IllegalArgumentException} whose message is written for the person otherwise, also for
     * offsets and abbreviations, which ignore daylight saving time.
     */
    public static ZoneId parse(String zoneId) {
        String id = zoneId == null ? "" : zoneId.strip();
        if (!id.contains("/") && !id.equals("UTC")) {
            throw new IllegalArgumentException("Use a time zone name like Europe/Berlin or America/New_York (not an "
                    + "offset or an abbreviation, which ignore daylight saving time).");
        }
        try {
            return ZoneId.of(id);
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("I don't know the time zone \"" + id + "\". Use a name like "
                    + "Europe/Berlin.", e);
        }
    }
}
