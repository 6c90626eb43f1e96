package io.opsbot.core.retention;

import io.opsbot.core.access.Role;
import io.opsbot.core.conversation.Command;
import io.opsbot.core.conversation.Invoker;
import io.opsbot.core.conversation.Response;
import io.opsbot.core.conversation.Subcommand;
import io.opsbot.core.message.Markup;
import io.opsbot.core.message.Message;
import org.springframework.stereotype.Component;

import java.util.List;

/** {@code opsbot}: the bot itself in this workspace. {@code delete-workspace-data} deletes everything it keeps. */
@Component
public class OpsbotCommand implements Command {

    static final String DELETE_DATA = "delete-workspace-data";
    /** What deleting needs the admin role for, as a refusal says it. */
    static final String DELETE_WHAT = "delete its data";

    private final DataDeletion deletion;
    private final RetentionProperties retention;

    public OpsbotCommand(DataDeletion deletion, RetentionProperties retention) {
        this.deletion = deletion;
        this.retention = retention;
    }

    @Override
    public String name() {
        return "opsbot";
    }

    @Override
    public String summary() {
        return "what the bot keeps about this workspace, and deleting it all";
    }

    @Override
    public List<Subcommand> subcommands() {
        return List.of(Subcommand.bare().help("what the bot keeps about this workspace, and for how long")
                        .handledBy((invoker, args) -> Response.privately(dataPolicy(invoker))),
                Subcommand.named(DELETE_DATA)
                .help("delete all of this workspace's data, after you confirm")
                .role(Role.ADMIN, DELETE_WHAT)
                .handledBy((invoker, args) -> Response.privately(deletion.ask(invoker))));
    }

    private Message dataPolicy(Invoker invoker) {
        String noun = invoker.platform().tenantNoun();
        return Message.of(Markup.builder().text("Product Ops Bot keeps what this " + noun + " gives it (feedback, "
                        + "standups, OKRs, onboarding, trainings, settings) until an admin deletes it with ")
                .code(invoker.platform().command(name()) + " " + DELETE_DATA)
                .text(". If the app is removed, it is kept " + retention.getAfterRemoval().toDays()
                        + " days in case it comes back, then deleted.").build());
    }
}
