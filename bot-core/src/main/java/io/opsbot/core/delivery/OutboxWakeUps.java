package io.opsbot.core.delivery;

import io.opsbot.core.config.CoreConfiguration;
import io.opsbot.core.gateway.RetryLater;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Makes "next try in PT2S" true. The outbox reschedules a delivery the platform refused for a stated time (Retry-After,
 * or the bot's own pace), but only looks for due deliveries every 30 seconds; this wakes it when the stated time is up
 * (plus a moment). The periodic look stays the durable path: a wake-up lost in a restart only costs those seconds.
 */
@Component
public class OutboxWakeUps implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(OutboxWakeUps.class);
    /** Wake-ups this close together are one. */
    static final long SLOT_MILLIS = 100;
    /** A margin past the stated time, so the retry is due when it runs. */
    static final long LATE_MILLIS = 50;

    private final Outbox outbox;
    private final Executor executor;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "opsbot-outbox-wake-up");
        thread.setDaemon(true);
        return thread;
    });
    private final Set<Long> planned = ConcurrentHashMap.newKeySet();

    public OutboxWakeUps(Outbox outbox, @Qualifier(CoreConfiguration.OUTBOUND_EXECUTOR) Executor executor) {
        this.outbox = outbox;
        this.executor = executor;
    }

    @EventListener
    public void retryLater(RetryLater retry) {
        long delay = Math.max(0, retry.after().toMillis()) + LATE_MILLIS;
        long slot = (System.currentTimeMillis() + delay) / SLOT_MILLIS + 1;
        if (planned.add(slot)) {
            timer.schedule(() -> {
                planned.remove(slot);
                executor.execute(this::retryDue);
            }, delay, TimeUnit.MILLISECONDS);
        }
    }

    private void retryDue() {
        try {
            outbox.retryDue();
        } catch (RuntimeException e) {
            log.warn("Waking the outbox failed ({}); its periodic look will retry", e.toString());
        }
    }

    @Override
    public void destroy() {
        timer.shutdownNow();
    }
}
