package io.opsbot.core.form;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/** Encodes a form's small key/value state as {@code a=1&b=2}, the way it travels through Slack and Teams. */
public final class FormState {

    private FormState() {
    }

    public static String encode(Map<String, String> values) {
        return values.entrySet().stream()
                .filter(e -> e.getValue() != null)
                .map(e -> enc(e.getKey()) + "=" + enc(e.getValue()))
                .collect(Collectors.joining("&"));
    }

    public static Map<String, String> decode(String state) {
        Map<String, String> values = new LinkedHashMap<>();
        if (state == null || state.isBlank()) {
            return values;
        }
        for (String pair : state.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                values.put(dec(pair.substring(0, eq)), dec(pair.substring(eq + 1)));
            }
        }
        return values;
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static String dec(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }
}
