package io.opsbot.core.blocker;

import io.opsbot.core.conversation.Action;
import io.opsbot.core.conversation.Actions;
import io.opsbot.core.conversation.Response;
import org.springframework.stereotype.Component;

import java.util.List;

/** "Resolved" on a blocker: for its author, or whoever its ritual lets ({@link Blockers#resolve}). */
@Component
public class BlockerActions implements Actions {

    private final Blockers blockers;

    public BlockerActions(Blockers blockers) {
        this.blockers = blockers;
    }

    @Override
    public List<Action> actions() {
        return List.of(Action.anyone(BlockerCards.RESOLVE_ACTION, (request, value) -> {
            Blocker b = blockers.resolve(request.invoker().user(), value.subject());
            return Response.privately(BlockerCards.resolved(b));
        }));
    }
}
