package io.opsbot.core.availability;

import io.opsbot.core.people.ProfileService;
import io.opsbot.core.people.Profiles;
import io.opsbot.core.settings.TenantSettingsService;
import io.opsbot.core.tenant.TenantRef;
import io.opsbot.core.tenant.UserRef;
import org.springframework.stereotype.Service;

import java.time.LocalDate;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * The one place every ritual asks "should this person be nudged on this day?": personal out-of-office periods, the
 * tenant's holidays and the ritual's own holidays. Standups, OKR reminders and training reminders all use it, so a day
 * off is a day off everywhere.
 */
@Service
public class AvailabilityService {

    private final ProfileService profiles;
    private final TenantSettingsService settings;

    public AvailabilityService(ProfileService profiles, TenantSettingsService settings) {
        this.profiles = profiles;
        this.settings = settings;
    }

    /** {@code ritualHolidays}: extra days off of one ritual (a standup's holiday list). */
    public Availability on(UserRef user, LocalDate date, Collection<LocalDate> ritualHolidays) {
        return decide(date, ritualHolidays, () -> isTenantHoliday(user.tenant(), date),
                () -> profiles.isAway(user, date));
    }

    /**
     * {@link #on} for many people of one tenant, as a report asks: the tenant's holidays read once (when first
     * needed), each person's time off from profiles already read.
     */
    public Availabilities forPeople(TenantRef tenant, Profiles people) {
        Map<TenantRef, List<LocalDate>> holidays = new HashMap<>(1);
        return (user, date, ritualHolidays) -> decide(date, ritualHolidays,
                () -> holidays.computeIfAbsent(tenant, settings::holidays).contains(date),
                () -> people.isAway(user, date));
    }

    /** Answers for several people of one tenant ({@link #forPeople}). */
    @FunctionalInterface
    public interface Availabilities {
        Availability on(UserRef user, LocalDate date, Collection<LocalDate> ritualHolidays);
    }

    /** The order every ritual asks in: its own holidays, the tenant's, the person's time off. */
    private static Availability decide(LocalDate date, Collection<LocalDate> ritualHolidays,
                                       BooleanSupplier tenantHoliday, BooleanSupplier away) {
        if (ritualHolidays.contains(date)) {
            return Availability.away("holiday");
        }
        if (tenantHoliday.getAsBoolean()) {
            return Availability.away("holiday");
        }
        if (away.getAsBoolean()) {
            return Availability.away("out of office");
        }
        return Availability.AVAILABLE;
    }

    public boolean isTenantHoliday(TenantRef tenant, LocalDate date) {
        return settings.holidays(tenant).contains(date);
    }
}
