package io.opsbot.core.conversation;

import io.opsbot.core.access.Role;
import io.opsbot.core.message.Markup;
import io.opsbot.core.message.Message;
import io.opsbot.core.tenant.Platform;
import org.apache.commons.text.similarity.DamerauLevenshteinDistance;
import org.springframework.stereotype.Component;

import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Finds commands by name and writes everything people read about them from their declarations: the command list,
 * each command's help, the usage error, and the one reply for what the bot does not know (with a "did you mean").
 */
@Component
public class CommandRouter {

    /** Edits, a swap of two letters counting as one: "lsit" is one edit from "list". */
    private static final DamerauLevenshteinDistance DISTANCE = new DamerauLevenshteinDistance();

    private final Map<String, Command> commands = new LinkedHashMap<>();
    /**
     * Each command's subcommands as declared at start: a command builds its declarations anew at every call (each
     * name checked by a regular expression), which every command typed would otherwise pay for.
     */
    private final Map<Command, List<Subcommand>> declared = new IdentityHashMap<>();

    public CommandRouter(List<Command> commands) {
        commands.stream().sorted(Comparator.comparing(Command::name)).forEach(command -> {
            List<Subcommand> subcommands = command.subcommands();
            check(command, subcommands);
            if (this.commands.put(command.name(), command) != null) {
                throw new IllegalStateException("two commands named " + command.name());
            }
            declared.put(command, subcommands);
        });
    }

    /** The command's subcommands, as declared when it was registered here (as it declares them, if it was not). */
    public List<Subcommand> subcommands(Command command) {
        List<Subcommand> subcommands = declared.get(command);
        return subcommands != null ? subcommands : command.subcommands();
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

    /** Help for one command: every subcommand as typed on this platform, what it does, and who may run it. */
    public Message help(Command command, Platform platform) {
        Markup.Builder text = Markup.builder();
        text.bold(platform.command(command.name())).text(": " + command.summary());
        for (Subcommand sub : subcommands(command)) {
            line(text.newline(), command, sub, platform);
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

    /** A command name nobody declared: "I don't know dance. Did you mean standup?" and the command list. */
    public Message unknownCommand(String name, Platform platform) {
        Markup.Builder text = Markup.builder().text("I don't know ").code(name).text(".");
        closest(name, commands.keySet()).ifPresent(c -> text.text(" Did you mean ").code(platform.command(c))
                .text("?"));
        return Message.of(text.newline().append(overviewText(platform)).build());
    }

    /**
     * The first word is no subcommand and no free text fits: "I don't know /okr bogus. Did you mean /okr report?",
     * with the free-text forms the command takes, if any.
     */
    public Message unknownSubcommand(Command command, String word, String reason, Platform platform) {
        String typed = platform.command(command.name()) + " " + word;
        Markup.Builder text = Markup.builder().text("⚠️ I don't know ").code(typed).text(".");
        Set<String> names = subcommands(command).stream().flatMap(s -> s.names().stream())
                .filter(n -> !n.isEmpty()).collect(Collectors.toCollection(java.util.LinkedHashSet::new));
        closest(word, names).ifPresent(n -> text.text(" Did you mean ")
                .code(platform.command(command.name()) + " " + n).text("?"));
        List<Subcommand> freeText = subcommands(command).stream().filter(s -> s.unnamed() && !s.args().isEmpty())
                .toList();
        if (reason != null) {
            text.newline().text(reason);
        }
        freeText.forEach(sub -> line(text.newline(), command, sub, platform));
        return Message.of(more(text, command, platform).build());
    }

    /** The first word names a subcommand but the rest does not fit it: why, if known, and how it is typed. */
    public Message usageError(Command command, List<Subcommand> named, String reason, Platform platform) {
        Markup.Builder text = Markup.builder().text("⚠️ ");
        text.text(reason != null ? reason : "That is not how " + platform.command(command.name()) + " "
                + named.get(0).name() + " works.");
        text.newline().text("Usage:");
        named.forEach(sub -> line(text.newline(), command, sub, platform));
        subcommands(command).stream().filter(s -> s.unnamed() && s.note() != null).map(Subcommand::note)
                .forEach(note -> text.newline().italic(note));
        return Message.of(more(text, command, platform).build());
    }

    /** The Slack manifest's usage hint: each subcommand once, free text in brackets. */
    public static String usageHint(Command command) {
        Set<String> seen = new HashSet<>();
        StringBuilder hint = new StringBuilder();
        for (Subcommand sub : command.subcommands()) {
            String part = sub.unnamed() ? (sub.args().isEmpty() ? null : "[" + sub.argumentsUsage() + "]")
                    : seen.add(sub.name()) ? sub.name() : null;
            if (part != null) {
                hint.append(hint.isEmpty() ? "" : " | ").append(part);
            }
        }
        return hint.append(hint.isEmpty() ? "" : " | ").append("help").toString();
    }

    private static void line(Markup.Builder text, Command command, Subcommand sub, Platform platform) {
        text.text("• ").code(sub.usage(platform, command.name())).text("  " + sub.help());
        List<String> aliases = sub.aliases();
        if (!aliases.isEmpty()) {
            text.text(" (also ");
            for (int i = 0; i < aliases.size(); i++) {
                String alias = aliases.get(i);
                text.text(i == 0 ? "" : ", ").code(platform.command(command.name()) + (alias.isEmpty() ? ""
                        : " " + alias));
            }
            text.text(")");
        }
        if (sub.role() != Role.MEMBER) {
            text.italic(" · " + sub.permission().holders());
        }
    }

    private static Markup.Builder more(Markup.Builder text, Command command, Platform platform) {
        return text.newline().text("Everything it does: ").code(platform.command(command.name()) + " help")
                .text(".");
    }

    /** The name nearest to what was typed, if it is near enough to be a typo (or a beginning of it). */
    static Optional<String> closest(String typed, Collection<String> names) {
        String word = typed.toLowerCase(Locale.ROOT);
        if (word.isEmpty()) {
            return Optional.empty();
        }
        int allowed = word.length() <= 4 ? 1 : 2;
        return names.stream()
                .filter(n -> word.length() >= 3 && n.startsWith(word) || DISTANCE.apply(word, n) <= allowed)
                .min(Comparator.comparingInt(n -> n.startsWith(word) ? 0 : DISTANCE.apply(word, n)));
    }

    /** Declarations that cannot work are a programming error, found at start-up rather than by a user. */
    private static void check(Command command, List<Subcommand> subs) {
        if (!command.name().matches("[a-z][a-z0-9-]*")) {
            throw new IllegalStateException("command names are one lower-case word: " + command.name());
        }
        if (subs.isEmpty()) {
            throw new IllegalStateException(command.name() + " declares no subcommand");
        }
        if (subs.stream().noneMatch(s -> s.names().contains("") && s.args().stream().allMatch(Arg::isOptional))) {
            throw new IllegalStateException(command.name() + " needs a bare form (what it does when typed alone)");
        }
        for (Subcommand sub : subs) {
            if (sub.args().stream().map(Arg::name).distinct().count() != sub.args().size()) {
                throw new IllegalStateException(command.name() + " " + sub.name() + ": two arguments of one name");
            }
        }
        if (subs.stream().flatMap(s -> s.names().stream()).anyMatch("help"::equals)) {
            throw new IllegalStateException(command.name() + ": help is answered by the engine");
        }
    }
}
