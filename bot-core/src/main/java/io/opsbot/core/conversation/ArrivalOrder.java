package io.opsbot.core.conversation;

import io.opsbot.core.config.CoreConfiguration;
import io.opsbot.core.tenant.UserRef;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;

/**
 * Runs the work that follows a person's requests after they were acknowledged (answering their direct messages) on
 * the outbound pool, one piece at a time per person, in the order the requests arrived. The pool alone runs two
 * messages typed in quick succession at once, and the second could be taken as the answer to the first question.
 * Order is kept per instance: a platform sends one person's messages to the instance that acked the previous one
 * only by chance, so the dialog's own compare-and-set still keeps every answer.
 */
@Component
public class ArrivalOrder {

    private static final Logger log = LoggerFactory.getLogger(ArrivalOrder.class);

    private final Executor executor;
    /** Each person's latest piece of work, while it is queued or running; later work is chained after it. */
    private final ConcurrentHashMap<String, CompletableFuture<Void>> latest = new ConcurrentHashMap<>();

    public ArrivalOrder(@Qualifier(CoreConfiguration.OUTBOUND_EXECUTOR) Executor executor) {
        this.executor = executor;
    }

    /** Runs {@code work} after everything handed in before for this person has finished (or failed). */
    public void execute(UserRef person, Runnable work) {
        String key = person.key();
        CompletableFuture<Void> queued = latest.compute(key, (k, previous) -> previous == null
                ? CompletableFuture.runAsync(work, executor)
                : previous.handle((ignored, failure) -> null).thenRunAsync(work, executor));
        queued.whenComplete((ignored, failure) -> {
            latest.remove(key, queued);
            if (failure != null) {
                log.error("Work following a request of {} failed", key, failure);
            }
        });
    }

    /** How many people have work queued or running (for tests: it drops to zero when all is done). */
    int pending() {
        return latest.size();
    }
}
