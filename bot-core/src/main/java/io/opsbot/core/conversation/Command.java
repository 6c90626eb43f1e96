package io.opsbot.core.conversation;

import java.util.List;

/**
 * A chat command: {@code /feedback} on Slack, {@code feedback} typed to the bot on Teams. Implementations are Spring
 * beans declaring their {@link Subcommand}s; the engine reads what was typed against them, checks the role, and runs
 * the one that fits. Nothing else about a command is written anywhere: help, usage errors and the manifests' hints
 * come from the declarations.
 */
public interface Command {

    /** Lower-case name, as typed after the slash. */
    String name();

    /** One line for the command list and the manifests ("capture customer and team feedback ..."). */
    String summary();

    /** Everything it does, in the order help lists it. */
    List<Subcommand> subcommands();

    /** Runs before any of its subcommands, e.g. to note the person's name and zone. */
    default void before(Invoker invoker) {
    }
}
