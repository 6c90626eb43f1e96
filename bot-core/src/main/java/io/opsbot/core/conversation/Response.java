package io.opsbot.core.conversation;

import io.opsbot.core.form.Form;
import io.opsbot.core.message.Message;
import io.opsbot.core.message.MessageParts;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** What the core answers to a command, a message or a button click. Adapters turn it into the platform's reply. */
public sealed interface Response permits Response.Reply, Response.ShowForm, Response.UpdateMessage, Response.Silent {

    /**
     * Answer with a message; {@code more} are further parts of a long answer (a report), sent after it in order.
     */
    record Reply(Message message, Visibility visibility, List<Message> more) implements Response {
        public Reply {
            Objects.requireNonNull(message, "message");
            Objects.requireNonNull(visibility, "visibility");
            more = more == null ? List.of() : List.copyOf(more);
        }

        public Reply(Message message, Visibility visibility) {
            this(message, visibility, List.of());
        }

        /** The message and the further parts, in order. */
        public List<Message> parts() {
            List<Message> parts = new ArrayList<>();
            parts.add(message);
            parts.addAll(more);
            return parts;
        }
    }

    /** Open a form (Slack modal, Adaptive Card with inputs). */
    record ShowForm(Form form) implements Response {
        public ShowForm {
            Objects.requireNonNull(form, "form");
        }
    }

    /** Replace the message the button was clicked on. */
    record UpdateMessage(Message message) implements Response {
        public UpdateMessage {
            Objects.requireNonNull(message, "message");
        }
    }

    /** Nothing to show (the work is done, or happens elsewhere). */
    record Silent() implements Response {
    }

    static Reply privately(Message message) {
        return new Reply(message, Visibility.PRIVATE);
    }

    /** A long private answer in parts (at least one), see {@link MessageParts}. */
    static Reply privately(List<Message> parts) {
        return new Reply(parts.get(0), Visibility.PRIVATE, parts.subList(1, parts.size()));
    }

    static Reply privately(String text) {
        return privately(Message.text(text));
    }

    static Reply inConversation(Message message) {
        return new Reply(message, Visibility.IN_CONVERSATION);
    }

    static ShowForm form(Form form) {
        return new ShowForm(form);
    }

    static Silent silent() {
        return new Silent();
    }
}
