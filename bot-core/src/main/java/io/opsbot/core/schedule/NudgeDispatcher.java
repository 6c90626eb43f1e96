package io.opsbot.core.schedule;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Routes fired nudges to their handlers, and has every handler rebuild its triggers once the bot is up. */
@Component
public class NudgeDispatcher {

    private static final Logger log = LoggerFactory.getLogger(NudgeDispatcher.class);

    private final Map<String, NudgeHandler> handlers = new HashMap<>();
    private final List<NudgeHandler> all;

    public NudgeDispatcher(List<NudgeHandler> handlers) {
        this.all = List.copyOf(handlers);
        for (NudgeHandler handler : handlers) {
            for (String kind : handler.kinds()) {
                if (this.handlers.put(kind, handler) != null) {
                    throw new IllegalStateException("two nudge handlers for " + kind);
                }
            }
        }
    }

    public void fire(Nudge nudge) {
        NudgeHandler handler = handlers.get(nudge.kind());
        if (handler == null) {
            log.warn("No handler for nudge {}", nudge);
            return;
        }
        try {
            handler.fire(nudge);
        } catch (RuntimeException e) {
            log.error("Nudge {} failed", nudge, e);
        }
    }

    @EventListener(ApplicationReadyEvent.class)
    public void rebuildAll() {
        for (NudgeHandler handler : all) {
            try {
                handler.rebuild();
            } catch (RuntimeException e) {
                log.error("Rebuilding the schedules of {} failed", handler.getClass().getSimpleName(), e);
            }
        }
    }
}
