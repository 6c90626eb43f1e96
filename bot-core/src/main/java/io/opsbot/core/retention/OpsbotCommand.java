package io.opsbot.core.retention;

import io.opsbot.core.conversation.Command;
import io.opsbot.core.conversation.CommandRequest;
import io.opsbot.core.conversation.Response;
import io.opsbot.core.conversation.Usage;
import io.opsbot.core.conversation.UserError;
import io.opsbot.core.settings.TenantSettingsService;
import org.springframework.stereotype.Component;

import java.util.List;

/** {@code opsbot}: the bot itself in this workspace. {@code delete-workspace-data} deletes everything it keeps. */
@Component
public class OpsbotCommand implements Command {

    static final String DELETE_DATA = "delete-workspace-data";

    private final DataDeletion deletion;
    private final TenantSettingsService settings;

    public OpsbotCommand(DataDeletion deletion, TenantSettingsService settings) {
        this.deletion = deletion;
        this.settings = settings;
    }

    @Override
    public String name() {
        return "opsbot";
    }

    @Override
    public String summary() {
        return "the bot in this workspace: delete everything it keeps (admins)";
    }

    @Override
    public List<Usage> usages() {
        return List.of(new Usage(DELETE_DATA, "delete all of this workspace's data, after you confirm (admins)"));
    }

    @Override
    public Response handle(CommandRequest request) {
        if (!DELETE_DATA.equals(request.subcommand())) {
            throw new UserError("Try `" + request.invoker().platform().command(name()) + " " + DELETE_DATA + "`.");
        }
        requireAdmin(request.invoker().user(), settings);
        return Response.privately(deletion.ask(request.invoker()));
    }

    /** Deleting a tenant's data needs an admin already recorded: nobody becomes one by asking for it. */
    static void requireAdmin(io.opsbot.core.tenant.UserRef user, TenantSettingsService settings) {
        if (!settings.isAdmin(user)) {
            throw new UserError("Only an admin can delete this " + user.platform().tenantNoun() + "'s data.");
        }
    }
}
