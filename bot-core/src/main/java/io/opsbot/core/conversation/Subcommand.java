package io.opsbot.core.conversation;

import io.opsbot.core.access.Permission;
import io.opsbot.core.access.Role;
import io.opsbot.core.tenant.Platform;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * One thing a command does, declared once: its name, its arguments, a line of help, who may run it and what runs.
 * Help, the usage error, the unknown-subcommand reply, the role check and the manifests' command hints all come from
 * these declarations, so they cannot drift apart.
 *
 * <pre>
 * Subcommand.named("status")
 *         .args(Arg.reference("item", FeedbackItem.KIND), Arg.choice("status", FeedbackStatus.words()))
 *         .help("move an item along; the reporter is told")
 *         .role(Role.TRIAGER, "change a feedback item's status")
 *         .handledBy(this::status)
 * </pre>
 *
 * A subcommand without a name ({@link #bare()}) runs when the text does not start with a declared name: with no
 * arguments it is the bare command ({@code /feedback}), with arguments it reads free text ({@code /feedback <text>}).
 * Several subcommands may share a name when their arguments differ ({@code cycle}, {@code cycle <name>}); the first
 * whose arguments fit runs. A subcommand whose name is a common first word of free text ({@code export},
 * {@code merge}) can {@link Builder#yieldingToText() yield}: text whose arguments fit none of its forms is then read
 * as the command's free text ({@code /feedback Export to CSV times out} is feedback) rather than a usage error.
 */
public record Subcommand(String name, List<String> aliases, List<Arg> args, String help, Permission permission,
                         String note, boolean yieldsToText, Handler handler) {

    /** What runs, with the arguments already read and checked. */
    @FunctionalInterface
    public interface Handler {
        Response handle(Invoker invoker, Arguments arguments);
    }

    public Subcommand {
        Objects.requireNonNull(name, "name");
        if (!name.isEmpty() && !name.matches("[a-z][a-z0-9-]*")) {
            throw new IllegalArgumentException("subcommand names are one lower-case word: " + name);
        }
        aliases = List.copyOf(aliases);
        args = List.copyOf(args);
        if (help == null || help.isBlank()) {
            throw new IllegalArgumentException("subcommand " + name + " needs a line of help");
        }
        Objects.requireNonNull(permission, "permission");
        Objects.requireNonNull(handler, "handler of " + name);
    }

    public static Builder named(String name) {
        return new Builder(name);
    }

    /** The command without a subcommand name: bare, or reading free text when given arguments. */
    public static Builder bare() {
        return new Builder("");
    }

    /** The names it answers to, lower-case: its name and aliases ("" for the bare command). */
    public List<String> names() {
        List<String> names = new ArrayList<>();
        names.add(name);
        names.addAll(aliases);
        return names;
    }

    /** True for the bare command and free text: no name before the arguments. */
    public boolean unnamed() {
        return name.isEmpty();
    }

    /** The arguments as help shows them: {@code FB-12 <new|planned>}. */
    public String argumentsUsage() {
        return args.stream().map(Arg::usage).collect(Collectors.joining(" "));
    }

    /** How it is typed on a platform: {@code /feedback status FB-12 <status>} on Slack. */
    public String usage(Platform platform, String command) {
        StringBuilder typed = new StringBuilder(platform.command(command));
        if (!name.isEmpty()) {
            typed.append(' ').append(name);
        }
        if (!args.isEmpty()) {
            typed.append(' ').append(argumentsUsage());
        }
        return typed.toString();
    }

    public Role role() {
        return permission.role();
    }

    public static final class Builder {
        private final String name;
        private final List<String> aliases = new ArrayList<>();
        private final List<Arg> args = new ArrayList<>();
        private String help;
        private Permission permission = Permission.ANYONE;
        private String note;
        private boolean yieldsToText;

        private Builder(String name) {
            this.name = name;
        }

        /** Other names for the same thing ({@code check-in} for {@code checkin}); "" makes it the bare command too. */
        public Builder alias(String... names) {
            Arrays.stream(names).map(n -> n.toLowerCase(Locale.ROOT)).forEach(aliases::add);
            return this;
        }

        public Builder args(Arg... arguments) {
            args.addAll(Arrays.asList(arguments));
            return this;
        }

        /** One line: what it does, starting lower-case ("move an item along; the reporter is told"). */
        public Builder help(String line) {
            this.help = line;
            return this;
        }

        /** The lowest role allowed, and what it does as a refusal says it ("change a feedback item's status"). */
        public Builder role(Role role, String what) {
            this.permission = Permission.of(role, what);
            return this;
        }

        /**
         * For what acts on one record: its owner, or its managers holding {@code role}, or admins. The engine lets
         * everyone through; the handler asks {@code AccessPolicy.requireChange} about the record it acts on.
         */
        public Builder ownerOr(Role role, String what) {
            this.permission = Permission.ownerOr(role, what);
            return this;
        }

        /**
         * The role in the tenant the subcommand acts on, held there by the person or their linked identity (typed on
         * the other platform). The engine lets everyone through; the handler finds that tenant and checks.
         */
        public Builder roleThroughLink(Role role, String what) {
            this.permission = Permission.throughLink(role, what);
            return this;
        }

        /** Added to this command's usage errors, e.g. how to send free text that starts with a subcommand's name. */
        public Builder note(String line) {
            this.note = line;
            return this;
        }

        /**
         * Text starting with this name whose arguments fit none of its forms is free text after all (the command's
         * unnamed subcommands read it), not a usage error. For names people also start sentences with, and strict
         * arguments that ordinary sentences do not fit.
         */
        public Builder yieldingToText() {
            this.yieldsToText = true;
            return this;
        }

        public Subcommand handledBy(Handler handler) {
            return new Subcommand(name, aliases, args, help, permission, note, yieldsToText, handler);
        }
    }
}
