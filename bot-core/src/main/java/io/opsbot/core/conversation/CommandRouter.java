package io.opsbot.core.conversation;

import io.opsbot.core.message.Markup;
import io.opsbot.core.message.Message;
import io.opsbot.core.tenant.Platform;
import org.springframework.stereotype.Component;

import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Finds commands by name and writes their help from what they register. */
@Component
public class CommandRouter {

    private final Map<String, Command> commands = new LinkedHashMap<>();

    public CommandRouter(List<Command> commands) {
        commands.stream().sorted(Comparator.comparing(Command::name)).forEach(command -> {
            if (this.commands.put(command.name(), command) != null) {
                throw new IllegalStateException("two commands named " + command.name());
            }
        });
    }

    public Optional<Command> find(String name) {
        return Optional.ofNullable(commands.get(normalize(name)));
    }

    public Collection<Command> commands() {
        return commands.values();
    }

    /** Strips a leading slash and lower-cases: {@code /Feedback} and {@code feedback} are the same command. */
    public static String normalize(String name) {
        String n = name == null ? "" : name.strip();
        return (n.startsWith("/") ? n.substring(1) : n).toLowerCase(Locale.ROOT);
    }

    /** Help for one command, written the way the user types it on their platform. */
    public Message help(Command command, Platform platform) {
        Markup.Builder text = Markup.builder();
        text.bold(platform.command(command.name())).text(": " + command.summary());
        for (Usage usage : command.usages()) {
            String typed = platform.command(command.name()) + (usage.arguments().isEmpty() ? "" : " " + usage.arguments());
            text.newline().text("• ").code(typed).text("  " + usage.description());
        }
        return Message.of(text.build());
    }

    /** The list of all commands. */
    public Message overview(Platform platform) {
        return Message.of(overviewText(platform));
    }

    public Markup overviewText(Platform platform) {
        Markup.Builder text = Markup.builder().bold("Here is what I can do:");
        for (Command command : commands.values()) {
            text.newline().text("• ").code(platform.command(command.name())).text("  " + command.summary());
        }
        text.newline().text("Add ").code("help").text(" after a command for its details, e.g. ")
                .code(platform.command("feedback") + " help").text(".");
        return text.build();
    }
}
