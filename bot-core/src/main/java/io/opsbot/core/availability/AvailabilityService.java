package io.opsbot.core.availability;

import io.opsbot.core.people.ProfileService;
import io.opsbot.core.settings.TenantSettingsService;
import io.opsbot.core.tenant.TenantRef;
import io.opsbot.core.tenant.UserRef;
import org.springframework.stereotype.Service;

import java.time.LocalDate;
import java.util.Collection;

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
        if (ritualHolidays.contains(date)) {
            return Availability.away("holiday");
        }
        if (isTenantHoliday(user.tenant(), date)) {
            return Availability.away("holiday");
        }
        if (profiles.isAway(user, date)) {
            return Availability.away("out of office");
        }
        return Availability.AVAILABLE;
    }

    public boolean isTenantHoliday(TenantRef tenant, LocalDate date) {
        return settings.holidays(tenant).contains(date);
    }
}
