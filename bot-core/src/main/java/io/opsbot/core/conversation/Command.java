package io.opsbot.core.conversation;

import java.util.List;

/**
 * A chat command: {@code /feedback} on Slack, {@code feedback} typed to the bot on Teams. Implementations are Spring
 * beans; the {@link CommandRouter} finds them and builds the help text from {@link #usages()}.
 */
public interface Command {

    /** Lower-case name, as typed after the slash. */
    String name();

    /** One line for the command list. */
    String summary();

    List<Usage> usages();

    Response handle(CommandRequest request);
}
