package io.opsbot.core.conversation;

import java.util.Objects;

/** A command as typed: its name ({@code feedback}), the rest of the text, and who typed it where. */
public record CommandRequest(Invoker invoker, String name, String arguments) {

    public CommandRequest {
        Objects.requireNonNull(invoker, "invoker");
        Objects.requireNonNull(name, "name");
        arguments = arguments == null ? "" : arguments.strip();
    }

    /** The first word of the arguments, lower-cased: the subcommand ({@code list}), or "" when there is none. */
    public String subcommand() {
        int space = arguments.indexOf(' ');
        return (space < 0 ? arguments : arguments.substring(0, space)).toLowerCase(java.util.Locale.ROOT);
    }

    /** The arguments after the subcommand. */
    public String rest() {
        int space = arguments.indexOf(' ');
        return space < 0 ? "" : arguments.substring(space + 1).strip();
    }
}
