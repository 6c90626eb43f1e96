package io.opsbot.core.conversation;

import io.opsbot.core.reference.Reference;
import io.opsbot.core.tenant.TenantRef;
import io.opsbot.core.tenant.UserRef;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The arguments of a subcommand, read and checked against its {@link Arg}s, by name. */
public final class Arguments {

    private final Map<String, Object> values;
    private final TenantRef tenant;

    Arguments(Map<String, Object> values, TenantRef tenant) {
        this.values = Map.copyOf(values);
        this.tenant = tenant;
    }

    public boolean has(String name) {
        return values.containsKey(name);
    }

    /** A word, text, choice or literal as typed (a choice as declared); "" when it was left out. */
    public String text(String name) {
        Object value = values.get(name);
        return value == null ? "" : (String) value;
    }

    public Reference reference(String name) {
        return get(name, Reference.class);
    }

    public Optional<Reference> optionalReference(String name) {
        return Optional.ofNullable(values.get(name)).map(Reference.class::cast);
    }

    public LocalDate date(String name) {
        return get(name, LocalDate.class);
    }

    public Optional<LocalDate> optionalDate(String name) {
        return Optional.ofNullable(values.get(name)).map(LocalDate.class::cast);
    }

    public LocalTime time(String name) {
        return get(name, LocalTime.class);
    }

    public DayOfWeek weekday(String name) {
        return get(name, DayOfWeek.class);
    }

    public ZoneId zone(String name) {
        return get(name, ZoneId.class);
    }

    /** The people mentioned, in this tenant; empty when left out. */
    public List<UserRef> people(String name) {
        Object value = values.get(name);
        if (value == null) {
            return List.of();
        }
        return ((List<?>) value).stream().map(id -> new UserRef(tenant, (String) id)).toList();
    }

    /** A value read by a feature's own parser ({@link Arg#parsed}), if it was given. */
    public <T> Optional<T> optional(String name, Class<T> type) {
        return Optional.ofNullable(values.get(name)).map(type::cast);
    }

    private <T> T get(String name, Class<T> type) {
        Object value = values.get(name);
        if (value == null) {
            throw new IllegalStateException("no argument " + name + " (optional ones: ask has() first)");
        }
        return type.cast(value);
    }
}
