package io.opsbot.core.storage;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Documents read once per request: within {@link #within}, a document asked for again is the copy read the first
 * time. A signed {@code /feedback} read its tenant's settings four times (the areas twice, the triage channel twice),
 * a database round trip each. Nothing is kept between requests, so a change made by another instance, a test or a
 * direct write is seen by the next request exactly as without it; a request sees such a document as it was when it
 * first needed it, as if it had read it once at its start. The owner of a document calls {@link #changed} when it
 * changes it, so a request that changes a document and then reads it sees its change.
 */
public final class RequestReads {

    /** What the request on this thread read, by key; null outside a request. */
    private static final ThreadLocal<Map<String, Object>> READ = new ThreadLocal<>();

    private RequestReads() {
    }

    /** Runs a request's work; a nested call joins the request around it. */
    public static <T> T within(Supplier<T> work) {
        if (READ.get() != null) {
            return work.get();
        }
        READ.set(new HashMap<>());
        try {
            return work.get();
        } finally {
            READ.remove();
        }
    }

    /** The request's copy of the document under {@code key}, read with {@code load} at first (always outside one). */
    public static <T> T get(String key, Class<T> type, Supplier<T> load) {
        Map<String, Object> read = READ.get();
        if (read == null) {
            return load.get();
        }
        Object known = read.get(key);
        if (type.isInstance(known)) {
            return type.cast(known);
        }
        T loaded = load.get();
        read.put(key, loaded);
        return loaded;
    }

    /** The document under {@code key} changed: the request reads it again when it next needs it. */
    public static void changed(String key) {
        Map<String, Object> read = READ.get();
        if (read != null) {
            read.remove(key);
        }
    }
}
