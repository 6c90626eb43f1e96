package io.opsbot.teams.cards;

import io.opsbot.core.message.Button;
import io.opsbot.core.message.Form;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What our card buttons carry back. Teams returns a button's {@code data} as the activity's {@code value} (for a form,
 * merged with the inputs' values by input id), so our keys are prefixed to never clash with an input id.
 */
public final class CardData {

    public static final String FORM = "opsbot.form";
    public static final String STATE = "opsbot.state";
    public static final String NONCE = "opsbot.nonce";
    public static final String ACTION = "opsbot.action";
    public static final String VALUE = "opsbot.value";

    private CardData() {
    }

    public static Map<String, String> button(Button button) {
        Map<String, String> data = new LinkedHashMap<>();
        data.put(ACTION, button.actionId());
        data.put(VALUE, button.value());
        return data;
    }

    public static Map<String, String> form(Form form, String nonce) {
        Map<String, String> data = new LinkedHashMap<>();
        data.put(FORM, form.formId());
        data.put(STATE, form.state());
        data.put(NONCE, nonce);
        return data;
    }

    public static boolean isOurs(String key) {
        return key.startsWith("opsbot.");
    }
}
