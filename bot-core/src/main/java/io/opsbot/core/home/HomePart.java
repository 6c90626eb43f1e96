package io.opsbot.core.home;

import io.opsbot.core.tenant.UserRef;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

/**
 * A feature's part of a person's home ({@code StandupHome}, {@code OkrHome}, ...): what of that feature waits for the
 * person, read only, each item with the feature's own buttons. The home collects every part; it knows no feature.
 */
public interface HomePart {

    /** The person's items as of {@code now}, times shown in {@code zone}. */
    List<HomeItem> homeItems(UserRef user, ZoneId zone, Instant now);
}
