package io.opsbot.teams.cards;

import com.fasterxml.jackson.databind.JsonNode;
import io.opsbot.core.form.Form;
import io.opsbot.core.message.Button;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What our card buttons carry back. Teams returns a button's {@code data} as the activity's {@code value} (for a form,
 * merged with the inputs' values by input id), so ours sits in one object under {@code opsbot}:
 * {@code opsbot.form}, {@code opsbot.state}, {@code opsbot.nonce} for a form, {@code opsbot.action},
 * {@code opsbot.value} for a button. It is a nested object, not dotted keys: the SDK's serializer (Azure's
 * FlatteningSerializer) rewrites any key containing a dot into nested objects anyway, even inside card content.
 */
public final class CardData {

    public static final String ROOT = "opsbot";
    public static final String FORM = "form";
    public static final String STATE = "state";
    public static final String NONCE = "nonce";
    public static final String ACTION = "action";
    public static final String VALUE = "value";
    /** On a button of a live card: the action that rebuilds the card after the button did its work. */
    public static final String REFRESH = "refresh";

    private CardData() {
    }

    public static Map<String, Object> button(Button button) {
        return button(button, null);
    }

    /** A button's data; on a live card, with the action that rebuilds the card ({@code refresh}, or null). */
    public static Map<String, Object> button(Button button, String refresh) {
        Map<String, String> ours = new LinkedHashMap<>();
        ours.put(ACTION, button.actionId());
        ours.put(VALUE, button.value());
        if (refresh != null) {
            ours.put(REFRESH, refresh);
        }
        return Map.of(ROOT, ours);
    }

    public static Map<String, Object> form(Form form, String nonce) {
        Map<String, String> ours = new LinkedHashMap<>();
        ours.put(FORM, form.formId());
        ours.put(STATE, form.state());
        ours.put(NONCE, nonce);
        return Map.of(ROOT, ours);
    }

    /** Our part of a submitted {@code value} / {@code action.data}; a missing node when there is none. */
    public static JsonNode ours(JsonNode data) {
        return data.path(ROOT);
    }
}
