package io.opsbot.core.home;

import io.opsbot.core.tenant.UserRef;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

/** What is waiting for one person, as of {@code at}, with times shown in their {@code zone}. */
public record Home(UserRef user, ZoneId zone, Instant at, List<HomeItem> items) {

    public Home {
        items = List.copyOf(items);
    }

    public List<HomeItem> in(HomeItem.Section section) {
        return items.stream().filter(i -> i.section() == section).toList();
    }

    /** How many items need the person. */
    public long waiting() {
        return items.stream().filter(HomeItem::waiting).count();
    }
}
