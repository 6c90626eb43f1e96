package io.opsbot.core.conversation;

import io.opsbot.core.tenant.TenantRef;

import java.util.AbstractList;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads what was typed after a command against the command's {@link Subcommand}s (as {@link CommandRouter} keeps them):
 * <ol>
 *   <li>nothing typed: the bare command;</li>
 *   <li>the first word names a subcommand: that subcommand, if its arguments fit; otherwise its usage, never anything
 *       else (so {@code /feedback list all} is not saved as feedback), unless it yields to text (see
 *       {@link Subcommand.Builder#yieldingToText()});</li>
 *   <li>otherwise the unnamed subcommands that take arguments (free text, {@code ooo <from>}); when none fits, the
 *       word is unknown.</li>
 * </ol>
 */
final class CommandLine {

    private static final Pattern WORD = Pattern.compile("\\S+");

    /** What the typed text turned out to be. */
    sealed interface Outcome permits Matched, BadArguments, Unknown {
    }

    /** A subcommand whose arguments fit. */
    record Matched(Subcommand subcommand, Arguments arguments) implements Outcome {
    }

    /** The first word names these subcommands, but the rest fits none of them; {@code reason} may say why. */
    record BadArguments(List<Subcommand> named, String reason) implements Outcome {
    }

    /** No subcommand is named and no free text fits: {@code word} is what was typed first. */
    record Unknown(String word, String reason) implements Outcome {
    }

    private record Token(String text, int start, int end) {
    }

    private CommandLine() {
    }

    static Outcome read(List<Subcommand> subcommands, String typed, TenantRef tenant) {
        String text = typed == null ? "" : typed;
        List<Token> tokens = new ArrayList<>();
        Matcher m = WORD.matcher(text);
        while (m.find()) {
            tokens.add(new Token(m.group(), m.start(), m.end()));
        }
        if (tokens.isEmpty()) {
            for (Subcommand sub : subcommands) {
                if (sub.names().contains("") && sub.args().stream().allMatch(Arg::isOptional)) {
                    return new Matched(sub, new Arguments(Map.of(), tenant));
                }
            }
            return new Unknown("", null);
        }
        String first = tokens.get(0).text().toLowerCase(Locale.ROOT);
        List<Subcommand> named = subcommands.stream()
                .filter(s -> s.names().stream().anyMatch(n -> !n.isEmpty() && n.equals(first))).toList();
        if (!named.isEmpty()) {
            Reading reading = new Reading(text, tokens.subList(1, tokens.size()));
            Matched matched = firstFit(named, reading, tenant);
            if (matched != null) {
                return matched;
            }
            if (named.stream().noneMatch(Subcommand::yieldsToText)) {
                return new BadArguments(named, reading.reason());
            }
        }
        List<Subcommand> freeText = subcommands.stream()
                .filter(s -> s.names().contains("") && !s.args().isEmpty()).toList();
        Reading reading = new Reading(text, tokens);
        Matched matched = firstFit(freeText, reading, tenant);
        return matched != null ? matched : new Unknown(tokens.get(0).text(), reading.reason());
    }

    private static Matched firstFit(List<Subcommand> candidates, Reading reading, TenantRef tenant) {
        for (Subcommand sub : candidates) {
            Map<String, Object> values = reading.match(sub.args(), 0, 0);
            if (values != null) {
                return new Matched(sub, new Arguments(values, tenant));
            }
        }
        return null;
    }

    /** One attempt to read tokens against arguments, remembering the most telling reason something did not fit. */
    private static final class Reading {
        private final String text;
        private final List<Token> tokens;
        private String reason;
        private int reasonAt = -1;

        Reading(String text, List<Token> tokens) {
            this.text = text;
            this.tokens = tokens;
        }

        String reason() {
            return reason;
        }

        /** The values of {@code args[a..]} read from all of {@code tokens[t..]}; null when they don't fit. */
        Map<String, Object> match(List<Arg> args, int a, int t) {
            if (a == args.size()) {
                return t == tokens.size() ? new HashMap<>() : null;
            }
            Arg arg = args.get(a);
            int available = tokens.size() - t;
            for (int n = Math.min(arg.maxTokens(available), available); n >= arg.minTokens(); n--) {
                Object value = arg.read(words(t, n), arg.kind() == Arg.Kind.TEXT
                        ? text.substring(tokens.get(t).start(), tokens.get(t + n - 1).end()) : null);
                if (value instanceof Arg.Misfit misfit) {
                    if (misfit.reason() != null && t >= reasonAt) {
                        reason = misfit.reason();
                        reasonAt = t;
                    }
                    continue;
                }
                Map<String, Object> rest = match(args, a + 1, t + n);
                if (rest != null) {
                    rest.put(arg.name(), value);
                    return rest;
                }
            }
            return arg.isOptional() ? match(args, a + 1, t) : null;
        }

        /** A view of {@code n} words from {@code t}, so trying long free text costs nothing per try. */
        private List<String> words(int t, int n) {
            return new AbstractList<>() {
                @Override
                public String get(int i) {
                    return tokens.get(t + i).text();
                }

                @Override
                public int size() {
                    return n;
                }
            };
        }
    }
}
