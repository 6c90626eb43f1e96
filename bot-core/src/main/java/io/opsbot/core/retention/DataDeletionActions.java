package io.opsbot.core.retention;

import io.opsbot.core.conversation.ActionHandler;
import io.opsbot.core.conversation.ActionRequest;
import io.opsbot.core.conversation.Response;
import io.opsbot.core.conversation.UserError;
import io.opsbot.core.settings.TenantSettingsService;
import org.springframework.stereotype.Component;

/** The two buttons of the deletion question: "Delete everything" (admins) and "Keep it". */
@Component
public class DataDeletionActions implements ActionHandler {

    private final DataDeletion deletion;
    private final TenantSettingsService settings;

    public DataDeletionActions(DataDeletion deletion, TenantSettingsService settings) {
        this.deletion = deletion;
        this.settings = settings;
    }

    @Override
    public String prefix() {
        return "retention";
    }

    @Override
    public Response handle(ActionRequest request) {
        return switch (request.actionId()) {
            case DataDeletion.DELETE -> {
                OpsbotCommand.requireAdmin(request.invoker().user(), settings);
                yield new Response.UpdateMessage(deletion.confirm(request.invoker(), request.value()));
            }
            case DataDeletion.KEEP -> new Response.UpdateMessage(deletion.keep(request.invoker(), request.value()));
            default -> throw new UserError("That button is no longer active.");
        };
    }
}
