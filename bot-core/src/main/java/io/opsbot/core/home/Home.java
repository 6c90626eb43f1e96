package io.opsbot.core.home;

import io.opsbot.core.tenant.UserRef;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

/**
 * What is waiting for one person, as of {@code at}, with times shown in their {@code zone}; {@code dashboardUrl} is
 * where the dashboard is, or null when there is none.
 */
public record Home(UserRef user, ZoneId zone, Instant at, List<HomeItem> items, String dashboardUrl) {

    public Home {
        items = List.copyOf(items);
    }

    /** A home without a dashboard link. */
    public Home(UserRef user, ZoneId zone, Instant at, List<HomeItem> items) {
        this(user, zone, at, items, null);
    }

    public List<HomeItem> in(HomeItem.Section section) {
        return items.stream().filter(i -> i.section() == section).toList();
    }

    /** How many items need the person. */
    public long waiting() {
        return items.stream().filter(HomeItem::waiting).count();
    }
}
