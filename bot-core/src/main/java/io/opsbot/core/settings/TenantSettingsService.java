package io.opsbot.core.settings;

import io.opsbot.core.audit.Actor;
import io.opsbot.core.audit.AuditLog;
import io.opsbot.core.config.OpsBotProperties;
import io.opsbot.core.conversation.UserError;
import io.opsbot.core.gateway.Destination;
import io.opsbot.core.storage.RequestReads;
import io.opsbot.core.tenant.TenantRef;
import io.opsbot.core.tenant.UserRef;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Service;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Reads and changes a tenant's settings. Who may change them is declared by the commands that do
 * ({@code io.opsbot.core.access}); each change is one targeted update of the tenant's document, written to the audit
 * log with the value before and after.
 */
@Service
public class TenantSettingsService {

    private final TenantSettingsRepository repository;
    private final MongoTemplate mongo;
    private final OpsBotProperties properties;
    private final List<TenantDefaults> defaults;
    private final AuditLog audit;
    private final Clock clock;

    public TenantSettingsService(TenantSettingsRepository repository, MongoTemplate mongo,
                                 OpsBotProperties properties, List<TenantDefaults> defaults, AuditLog audit,
                                 Clock clock) {
        this.repository = repository;
        this.mongo = mongo;
        this.properties = properties;
        this.defaults = List.copyOf(defaults);
        this.audit = audit;
        this.clock = clock;
    }

    /** The tenant's settings; read once per request ({@link RequestReads}). */
    public TenantSettings get(TenantRef tenant) {
        return RequestReads.get(readKey(tenant), TenantSettings.class,
                () -> repository.findById(tenant.key()).orElseGet(() -> new TenantSettings(tenant)));
    }

    private static String readKey(TenantRef tenant) {
        return TenantSettings.COLLECTION + ":" + tenant.key();
    }

    public Optional<Destination.Channel> triageChannel(TenantRef tenant) {
        Destination.Channel chosen = get(tenant).getTriageChannel();
        if (chosen != null) {
            return Optional.of(chosen);
        }
        return defaults.stream().filter(d -> d.platform() == tenant.platform())
                .map(d -> d.triageChannel(tenant)).flatMap(Optional::stream).findFirst();
    }

    /** The tenant's product areas; the configured defaults until it changes them. */
    public List<String> feedbackAreas(TenantRef tenant) {
        List<String> chosen = get(tenant).getFeedbackAreas();
        return List.copyOf(chosen == null ? properties.feedback().defaultAreas() : chosen);
    }

    /** Sets the triage channel and who chose it (told when a triage post cannot go out). */
    public void setTriageChannel(Actor setBy, Destination.Channel channel) {
        TenantRef tenant = setBy.user().tenant();
        String before = triageChannel(tenant).map(Destination.Channel::channelId).orElse(null);
        change(tenant, new Update().set("triageChannel", channel).set("triageChannelSetBy", setBy.user()));
        audit.record(setBy, "settings.triage-channel", "feedback", before, channel.channelId());
    }

    /** Who chose the tenant's triage channel, if someone did in chat. */
    public Optional<UserRef> triageChannelSetBy(TenantRef tenant) {
        return Optional.ofNullable(get(tenant).getTriageChannelSetBy());
    }

    public List<String> addArea(Actor by, String area) {
        TenantRef tenant = by.user().tenant();
        String name = normalizeArea(area);
        List<String> before = feedbackAreas(tenant);
        List<String> areas = new ArrayList<>(before);
        if (!areas.contains(name)) {
            areas.add(name);
            change(tenant, new Update().set("feedbackAreas", areas));
            audit.record(by, "settings.areas", "feedback", String.join(", ", before), String.join(", ", areas));
        }
        return List.copyOf(areas);
    }

    public List<String> removeArea(Actor by, String area) {
        TenantRef tenant = by.user().tenant();
        String name = normalizeArea(area);
        List<String> before = feedbackAreas(tenant);
        List<String> areas = new ArrayList<>(before);
        if (!areas.remove(name)) {
            throw new UserError("There is no area #" + name + ".");
        }
        if (areas.isEmpty()) {
            throw new UserError("Keep at least one area.");
        }
        change(tenant, new Update().set("feedbackAreas", areas));
        audit.record(by, "settings.areas", "feedback", String.join(", ", before), String.join(", ", areas));
        return List.copyOf(areas);
    }

    public List<LocalDate> holidays(TenantRef tenant) {
        return List.copyOf(get(tenant).getHolidays());
    }

    public List<LocalDate> addHoliday(Actor by, LocalDate date) {
        TenantRef tenant = by.user().tenant();
        List<LocalDate> days = new ArrayList<>(holidays(tenant));
        if (!days.contains(date)) {
            days.add(date);
            days.sort(null);
            change(tenant, new Update().set("holidays", days));
            audit.record(by, "settings.holiday-add", "company holidays", null, date);
        }
        return List.copyOf(days);
    }

    public List<LocalDate> removeHoliday(Actor by, LocalDate date) {
        TenantRef tenant = by.user().tenant();
        List<LocalDate> days = new ArrayList<>(holidays(tenant));
        if (days.remove(date)) {
            change(tenant, new Update().set("holidays", days));
            audit.record(by, "settings.holiday-remove", "company holidays", date, null);
        }
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

    private void change(TenantRef tenant, Update update) {
        RequestReads.changed(readKey(tenant));
        mongo.upsert(Query.query(Criteria.where("_id").is(tenant.key())),
                update.setOnInsert("tenant", tenant).set("updatedAt", clock.instant()), TenantSettings.class);
    }
}
