package io.opsbot.core.settings;

import io.opsbot.core.config.OpsBotProperties;
import io.opsbot.core.conversation.UserError;
import io.opsbot.core.gateway.Destination;
import io.opsbot.core.tenant.TenantRef;
import io.opsbot.core.tenant.UserRef;
import org.springframework.stereotype.Service;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Reads and changes a tenant's settings; changes need an admin. */
@Service
public class TenantSettingsService {

    private final TenantSettingsRepository repository;
    private final OpsBotProperties properties;
    private final List<TenantDefaults> defaults;
    private final Clock clock;

    public TenantSettingsService(TenantSettingsRepository repository, OpsBotProperties properties,
                                 List<TenantDefaults> defaults, Clock clock) {
        this.repository = repository;
        this.properties = properties;
        this.defaults = List.copyOf(defaults);
        this.clock = clock;
    }

    public TenantSettings get(TenantRef tenant) {
        return repository.findById(tenant.key())
                .orElseGet(() -> new TenantSettings(tenant, properties.getFeedback().getDefaultAreas()));
    }

    public Optional<Destination.Channel> triageChannel(TenantRef tenant) {
        Destination.Channel chosen = get(tenant).getTriageChannel();
        if (chosen != null) {
            return Optional.of(chosen);
        }
        return defaults.stream().filter(d -> d.platform() == tenant.platform())
                .map(d -> d.triageChannel(tenant)).flatMap(Optional::stream).findFirst();
    }

    public List<String> feedbackAreas(TenantRef tenant) {
        return List.copyOf(get(tenant).getFeedbackAreas());
    }

    /** Admins: those configured for every tenant, those recorded for this one. */
    public boolean isAdmin(UserRef user) {
        return properties.getAdmins().contains(user.key()) || get(user.tenant()).getAdminUserIds().contains(user.userId());
    }

    /**
     * Throws a {@link UserError} unless the actor may change settings here, for features that keep their own settings
     * (OKR cadence, who may create objectives). Applies the same rule as every change here, so the first person to
     * change anything in a tenant without admins becomes its admin.
     */
    public void requireAdmin(UserRef actor) {
        boolean recorded = get(actor.tenant()).getAdminUserIds().contains(actor.userId());
        TenantSettings settings = authorize(actor);
        if (!recorded && settings.getAdminUserIds().contains(actor.userId())) {
            save(settings);
        }
    }

    public void setTriageChannel(UserRef actor, Destination.Channel channel) {
        TenantSettings settings = authorize(actor);
        settings.setTriageChannel(channel);
        settings.setTriageChannelSetBy(actor);
        save(settings);
    }

    /** Who chose the tenant's triage channel, if someone did in chat. */
    public Optional<UserRef> triageChannelSetBy(TenantRef tenant) {
        return Optional.ofNullable(get(tenant).getTriageChannelSetBy());
    }

    /**
     * Throws a {@link UserError} unless the actor may change settings here, and changes nothing: for set-ups that must
     * first prove they can work (a channel the bot must be able to post in) before anything is stored.
     */
    public void checkAdmin(UserRef actor) {
        authorize(actor);
    }

    public List<String> addArea(UserRef actor, String area) {
        String name = normalizeArea(area);
        TenantSettings settings = authorize(actor);
        if (!settings.getFeedbackAreas().contains(name)) {
            List<String> areas = new ArrayList<>(settings.getFeedbackAreas());
            areas.add(name);
            settings.setFeedbackAreas(areas);
            save(settings);
        }
        return List.copyOf(settings.getFeedbackAreas());
    }

    public List<String> removeArea(UserRef actor, String area) {
        String name = normalizeArea(area);
        TenantSettings settings = authorize(actor);
        List<String> areas = new ArrayList<>(settings.getFeedbackAreas());
        if (!areas.remove(name)) {
            throw new UserError("There is no area #" + name + ".");
        }
        if (areas.isEmpty()) {
            throw new UserError("Keep at least one area.");
        }
        settings.setFeedbackAreas(areas);
        save(settings);
        return List.copyOf(areas);
    }

    public List<java.time.LocalDate> holidays(TenantRef tenant) {
        return List.copyOf(get(tenant).getHolidays());
    }

    public List<java.time.LocalDate> addHoliday(UserRef actor, java.time.LocalDate date) {
        TenantSettings settings = authorize(actor);
        if (!settings.getHolidays().contains(date)) {
            List<java.time.LocalDate> days = new ArrayList<>(settings.getHolidays());
            days.add(date);
            days.sort(null);
            settings.setHolidays(days);
            save(settings);
        }
        return List.copyOf(settings.getHolidays());
    }

    public List<java.time.LocalDate> removeHoliday(UserRef actor, java.time.LocalDate date) {
        TenantSettings settings = authorize(actor);
        List<java.time.LocalDate> days = new ArrayList<>(settings.getHolidays());
        days.remove(date);
        settings.setHolidays(days);
        save(settings);
        return List.copyOf(days);
    }

    public static String normalizeArea(String area) {
        String name = (area == null ? "" : area.strip()).toLowerCase(Locale.ROOT);
        if (name.startsWith("#")) {
            name = name.substring(1);
        }
        if (!name.matches("[a-z][a-z0-9-]{0,29}")) {
            throw new UserError("Area names are one word: letters, digits and dashes, up to 30 characters.");
        }
        return name;
    }

    /**
     * Returns the settings to change if the actor may change them. The first person to change a tenant that has no
     * admin becomes its admin, so a fresh install can be set up from chat without editing configuration.
     */
    private TenantSettings authorize(UserRef actor) {
        TenantSettings settings = get(actor.tenant());
        boolean configured = properties.getAdmins().contains(actor.key());
        if (settings.getAdminUserIds().isEmpty() && !hasConfiguredAdmin(actor.tenant())) {
            settings.getAdminUserIds().add(actor.userId());
            return settings;
        }
        if (!configured && !settings.getAdminUserIds().contains(actor.userId())) {
            throw new UserError("Only an admin of this " + actor.platform().tenantNoun()
                    + " can change that. Ask one of your bot admins.");
        }
        return settings;
    }

    private boolean hasConfiguredAdmin(TenantRef tenant) {
        return properties.getAdmins().stream().anyMatch(key -> key.startsWith(tenant.key() + ":"));
    }

    private void save(TenantSettings settings) {
        settings.setUpdatedAt(clock.instant());
        repository.save(settings);
    }
}
