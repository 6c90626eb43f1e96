package io.opsbot.slack.inbound;

import io.opsbot.core.form.Form;
import io.opsbot.core.form.FormState;
import io.opsbot.core.message.Button;
import io.opsbot.core.message.Message;

import java.util.Map;

/**
 * Slack can only open a modal in answer to a click or a command. When a form is asked for in a typed DM, the bot
 * answers with this button, which carries the form id and state and opens the modal when clicked.
 */
final class OpenFormButton {

    record Target(String formId, String state) {
    }

    private OpenFormButton() {
    }

    static Message message(Form form) {
        String value = FormState.encode(Map.of("f", form.formId(), "s", form.state()));
        return Message.builder(form.title())
                .text(form.title() + ": click to open the form.")
                .buttons(java.util.List.of(Button.primary(ButtonListener.OPEN_FORM, "Open form", value)))
                .build();
    }

    static Target read(String value) {
        Map<String, String> values = FormState.decode(value);
        return new Target(values.getOrDefault("f", ""), values.getOrDefault("s", ""));
    }
}
