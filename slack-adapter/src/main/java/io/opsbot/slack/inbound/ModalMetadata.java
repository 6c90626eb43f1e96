package io.opsbot.slack.inbound;

import io.opsbot.core.form.Form;
import io.opsbot.core.form.FormState;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a modal carries in private_metadata: the core form's state plus where the modal was opened from (channel and
 * response_url), so the confirmation after submission lands where the user started.
 */
record ModalMetadata(String formState, String channelId, String responseUrl) {

    private static final String STATE = "s";
    private static final String CHANNEL = "c";
    private static final String RESPONSE_URL = "r";

    String encode() {
        Map<String, String> values = new LinkedHashMap<>();
        values.put(STATE, formState);
        values.put(CHANNEL, channelId);
        values.put(RESPONSE_URL, responseUrl);
        String encoded = FormState.encode(values);
        if (encoded.length() > Form.MAX_STATE_LENGTH) {
            // Without the response_url the confirmation goes by DM instead; the form state must survive.
            values.remove(RESPONSE_URL);
            encoded = FormState.encode(values);
        }
        return encoded;
    }

    static ModalMetadata decode(String privateMetadata) {
        Map<String, String> values = FormState.decode(privateMetadata);
        return new ModalMetadata(values.getOrDefault(STATE, ""), values.get(CHANNEL), values.get(RESPONSE_URL));
    }
}
