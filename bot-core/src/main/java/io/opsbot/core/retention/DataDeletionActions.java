package io.opsbot.core.retention;

import io.opsbot.core.access.Role;
import io.opsbot.core.conversation.Action;
import io.opsbot.core.conversation.Actions;
import io.opsbot.core.conversation.Response;
import org.springframework.stereotype.Component;

import java.util.List;

/** The two buttons of the deletion question: "Delete everything" (admins) and "Keep it". */
@Component
public class DataDeletionActions implements Actions {

    private final DataDeletion deletion;

    public DataDeletionActions(DataDeletion deletion) {
        this.deletion = deletion;
    }

    @Override
    public List<Action> actions() {
        return List.of(
                Action.needing(Role.ADMIN, DataDeletion.WHAT, DataDeletion.DELETE, (request, value) ->
                        new Response.UpdateMessage(deletion.confirm(request.invoker(), value.subject()))),
                Action.anyone(DataDeletion.KEEP, (request, value) ->
                        new Response.UpdateMessage(deletion.keep(request.invoker(), value.subject()))));
    }
}
