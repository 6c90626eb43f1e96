package io.opsbot.core.feedback;

import io.opsbot.core.conversation.Invoker;
import io.opsbot.core.delivery.Outbox;
import io.opsbot.core.gateway.Destination;
import org.springframework.stereotype.Component;

/** Closes the loop: tells the reporter by direct message when their item's status changes (once per change). */
@Component
public class FeedbackNotifier {

    private final Outbox outbox;

    public FeedbackNotifier(Outbox outbox) {
        this.outbox = outbox;
    }

    public void statusChanged(FeedbackItem item, Invoker actor) {
        if (item.getReporter().equals(actor.user())) {
            return;
        }
        outbox.enqueue("feedback-status:" + item.getId() + ":" + item.getHistory().size(),
                new Destination.Direct(item.getReporter()), FeedbackCards.statusChanged(item, actor.displayName()),
                null);
    }
}
