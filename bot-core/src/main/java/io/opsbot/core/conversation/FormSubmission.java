package io.opsbot.core.conversation;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/** A submitted form: which form, the raw values by input id, and the opaque state the form was opened with. */
public record FormSubmission(Invoker invoker, String formId, Map<String, String> values, String state) {

    public FormSubmission {
        Objects.requireNonNull(invoker, "invoker");
        Objects.requireNonNull(formId, "formId");
        Map<String, String> clean = new HashMap<>();
        if (values != null) {
            values.forEach((k, v) -> clean.put(k, v == null ? "" : v));
        }
        values = Map.copyOf(clean);
        state = state == null ? "" : state;
    }
}
