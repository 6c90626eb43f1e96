package io.opsbot.slack.inbound;

import io.opsbot.core.form.Form;
import io.opsbot.core.message.Button;
import io.opsbot.core.message.ButtonValue;
import io.opsbot.core.message.Message;

import java.util.List;

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
        // A form state is URL-encoded (FormState), so it never holds the codec's separator.
        return Message.builder(form.title())
                .text(form.title() + ": click to open the form.")
                .buttons(List.of(Button.primary(ButtonListener.OPEN_FORM, "Open form",
                        ButtonValue.of(form.formId(), form.state()))))
                .build();
    }

    static Target read(String value) {
        ButtonValue button = ButtonValue.decode(value);
        return button == null ? new Target("", "")
                : new Target(button.subject(), button.argument() == null ? "" : button.argument());
    }
}
