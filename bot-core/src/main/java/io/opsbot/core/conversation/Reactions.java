package io.opsbot.core.conversation;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.util.List;

/**
 * Where adapters hand reactions (Slack {@code reaction_added}, Teams {@code messageReaction}). Each feature's
 * {@link ReactionHandler} looks at each; reactions are silent, so a failure is logged, never shown.
 */
@Component
public class Reactions {

    private static final Logger log = LoggerFactory.getLogger(Reactions.class);

    private final List<ReactionHandler> handlers;

    public Reactions(List<ReactionHandler> handlers) {
        this.handlers = List.copyOf(handlers);
    }

    public void added(Reaction reaction) {
        for (ReactionHandler handler : handlers) {
            try {
                handler.onReaction(reaction);
            } catch (UserError e) {
                log.info("Reaction {} by {} not taken: {}", reaction.name(), reaction.invoker().user(), e.getMessage());
            } catch (RuntimeException e) {
                log.error("Failed handling reaction {} by {}", reaction.name(), reaction.invoker().user(), e);
            }
        }
    }
}
