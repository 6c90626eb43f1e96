package io.opsbot.core.feedback;

import io.opsbot.core.conversation.Invoker;
import io.opsbot.core.conversation.MessageShortcut;
import io.opsbot.core.conversation.Response;
import io.opsbot.core.conversation.SharedMessage;
import org.springframework.stereotype.Component;

/** "Save as feedback" on any message: opens the feedback form filled with the message. */
@Component
public class FeedbackFromMessage implements MessageShortcut {

    public static final String ID = "save_as_feedback";

    private final FeedbackForm form;

    public FeedbackFromMessage(FeedbackForm form) {
        this.form = form;
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public Response handle(Invoker invoker, SharedMessage message) {
        return Response.form(form.fromMessage(invoker.tenant(), message.text(), message.authorName(), message.link(),
                message.thread()));
    }
}
