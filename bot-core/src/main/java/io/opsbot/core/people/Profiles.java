package io.opsbot.core.people;

import io.opsbot.core.tenant.UserRef;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The profiles of several people read at once ({@link ProfileService#profiles}), answering as {@link ProfileService}
 * does for one: what a report of many people asks per person without a read per person. Each name and zone is worked
 * out once, so a person without a profile is asked of the platform once, not once per row.
 */
public final class Profiles {

    private final ProfileService service;
    private final Map<String, PersonProfile> byKey;
    private final Map<String, String> names = new HashMap<>();
    private final Map<String, ZoneId> zones = new HashMap<>();

    Profiles(ProfileService service, Map<String, PersonProfile> byKey) {
        this.service = service;
        this.byKey = byKey;
    }

    public String displayName(UserRef user) {
        return names.computeIfAbsent(user.key(), k -> service.displayName(user, find(user)));
    }

    /** {@link ProfileService#zone}. */
    public ZoneId zone(UserRef user, ZoneId fallback) {
        return zones.computeIfAbsent(user.key() + "|" + fallback.getId(), k -> service.zone(user, find(user), fallback));
    }

    /** {@link ProfileService#isAway}. */
    public boolean isAway(UserRef user, LocalDate date) {
        return ProfileService.isAway(find(user), date);
    }

    private Optional<PersonProfile> find(UserRef user) {
        return Optional.ofNullable(byKey.get(user.key()));
    }
}
