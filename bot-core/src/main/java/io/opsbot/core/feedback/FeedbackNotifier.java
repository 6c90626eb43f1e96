package io.opsbot.core.feedback;

import io.opsbot.core.config.CoreConfiguration;
import io.opsbot.core.conversation.Invoker;
import io.opsbot.core.messaging.Destination;
import io.opsbot.core.messaging.Messenger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;

import java.util.concurrent.Executor;

/** Closes the loop: tells the reporter by direct message when their item's status changes. */
@Component
public class FeedbackNotifier {

    private static final Logger log = LoggerFactory.getLogger(FeedbackNotifier.class);

    private final Messenger messenger;
    private final Executor executor;

    public FeedbackNotifier(Messenger messenger, @Qualifier(CoreConfiguration.OUTBOUND_EXECUTOR) Executor executor) {
        this.messenger = messenger;
        this.executor = executor;
    }

    public void statusChanged(FeedbackItem item, Invoker actor) {
        if (item.getReporter().equals(actor.user())) {
            return;
        }
        executor.execute(() -> {
            try {
                messenger.send(new Destination.Direct(item.getReporter()),
                        FeedbackCards.statusChanged(item, actor.displayName()));
            } catch (RuntimeException e) {
                log.warn("Could not tell {} about {}: {}", item.getReporter(), item.reference(), e.getMessage());
            }
        });
    }
}
