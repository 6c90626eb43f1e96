package io.opsbot.core.home;

import io.opsbot.core.link.DashboardLinks;
import io.opsbot.core.people.ProfileService;
import io.opsbot.core.tenant.UserRef;
import org.springframework.stereotype.Service;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Comparator;
import java.util.List;

/**
 * Builds a person's {@link Home} from every feature's {@link HomePart}, read only: nothing here changes state, and
 * every button is the feature's own, so a click from the home does exactly what it does on the feature's messages.
 */
@Service
public class HomeService {

    private static final ZoneId UTC = ZoneId.of("UTC");

    private final List<HomePart> parts;
    private final ProfileService profiles;
    private final DashboardLinks links;
    private final Clock clock;

    public HomeService(List<HomePart> parts, ProfileService profiles, DashboardLinks links, Clock clock) {
        this.parts = List.copyOf(parts);
        this.profiles = profiles;
        this.links = links;
        this.clock = clock;
    }

    /** The home of a person; {@code zoneHint} (the client's zone, if the platform tells it) until they set one. */
    public Home of(UserRef user, ZoneId zoneHint) {
        ZoneId zone = profiles.zone(user, zoneHint != null ? zoneHint : UTC);
        Instant now = clock.instant();
        List<HomeItem> items = parts.stream().flatMap(part -> part.homeItems(user, zone, now).stream())
                .sorted(Comparator.comparing(HomeItem::section)).toList();
        return new Home(user, zone, now, items, links.url("/").orElse(null));
    }
}
