package io.opsbot.core.storage;

import org.springframework.data.mongodb.core.query.Update;

/** Small pieces of targeted updates shared by every feature. */
public final class Updates {

    private Updates() {
    }

    /** Sets the field, or removes it when the value is null (so "no team" is no field, not a null). */
    public static Update setOrUnset(Update update, String field, Object value) {
        return value == null ? update.unset(field) : update.set(field, value);
    }
}
