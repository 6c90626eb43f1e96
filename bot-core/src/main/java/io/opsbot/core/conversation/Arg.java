package io.opsbot.core.conversation;

import io.opsbot.core.mention.MentionTokens;
import io.opsbot.core.reference.Reference;
import io.opsbot.core.schedule.Zones;

import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * One argument of a {@link Subcommand}: what it accepts and how help shows it. The engine reads typed text against a
 * subcommand's arguments before its handler runs, so a handler only ever sees arguments that fit, and anything that
 * does not fit gets the subcommand's usage instead of being taken for something else.
 *
 * <p>The name is both how the handler asks for the value ({@link Arguments}) and how help shows it
 * ({@code <name>}, {@code [name]} when optional).
 */
public final class Arg {

    enum Kind { LITERAL, WORD, TEXT, CHOICE, REFERENCE, DATE, TIME, WEEKDAY, ZONE, MENTION, PARSED }

    private final Kind kind;
    private final String name;
    private final boolean optional;
    private final boolean repeated;
    /** Text: the fewest words it takes (0: free text, see {@link #freeText}); parsed: the most. */
    private final int minWords;
    private final List<String> choices;
    private final List<Reference.Kind> references;
    private final Parser parser;

    /** Reads a feature's own kind of value from the words typed; empty when they are not one. */
    @FunctionalInterface
    public interface Parser {
        Optional<?> parse(String words);
    }

    private Arg(Kind kind, String name, boolean optional, boolean repeated, int minWords, List<String> choices,
                List<Reference.Kind> references, Parser parser) {
        this.kind = kind;
        this.name = Objects.requireNonNull(name, "name");
        this.optional = optional;
        this.repeated = repeated;
        this.minWords = minWords;
        this.choices = List.copyOf(choices);
        this.references = List.copyOf(references);
        this.parser = parser;
    }

    private static Arg of(Kind kind, String name) {
        return new Arg(kind, name, false, false, 1, List.of(), List.of(), null);
    }

    /** This exact word, e.g. {@code here} in {@code triage here}. */
    public static Arg literal(String word) {
        return of(Kind.LITERAL, word.toLowerCase(Locale.ROOT));
    }

    /** Any one word. */
    public static Arg word(String name) {
        return of(Kind.WORD, name);
    }

    /** One or more words, kept exactly as typed (line breaks too). */
    public static Arg text(String name) {
        return of(Kind.TEXT, name);
    }

    /**
     * Free text, kept as typed, that is not a lone word written like a subcommand (lower-case letters, digits and
     * dashes: {@code lsit}, {@code bogus-subcommand}); such a word gets the unknown-subcommand reply instead of
     * being taken as text. One word otherwise written ({@code Thanks!}) is text.
     */
    public static Arg freeText(String name) {
        return new Arg(Kind.TEXT, name, false, false, 0, List.of(), List.of(), null);
    }

    /** One of these words or phrases; {@code under-review}, {@code under review} and {@code Under_Review} are one. */
    public static Arg choice(String name, List<String> choices) {
        if (choices.isEmpty()) {
            throw new IllegalArgumentException("a choice needs choices");
        }
        return new Arg(Kind.CHOICE, name, false, false, 1, choices, List.of(), null);
    }

    /** A record's number, {@code FB-12}; with one kind a bare {@code 12} too. */
    public static Arg reference(String name, Reference.Kind... kinds) {
        if (kinds.length == 0) {
            throw new IllegalArgumentException("a reference needs a kind");
        }
        return new Arg(Kind.REFERENCE, name, false, false, 1, List.of(), Arrays.asList(kinds), null);
    }

    /** A date, {@code YYYY-MM-DD}. */
    public static Arg date(String name) {
        return of(Kind.DATE, name);
    }

    /** A time of day, {@code HH:MM}. */
    public static Arg time(String name) {
        return of(Kind.TIME, name);
    }

    /** A weekday, written out or from its first three letters. */
    public static Arg weekday(String name) {
        return of(Kind.WEEKDAY, name);
    }

    /** An IANA time zone such as {@code Europe/Berlin}. */
    public static Arg zone(String name) {
        return of(Kind.ZONE, name);
    }

    /** A mentioned person ({@code @ana}, which adapters pass on as a mention token). */
    public static Arg mention(String name) {
        return of(Kind.MENTION, name);
    }

    /**
     * A value of the feature's own kind, up to {@code maxWords} words, that {@code parser} reads ("at risk" as a
     * confidence). Help shows it as {@code <name>}.
     */
    public static Arg parsed(String name, int maxWords, Parser parser) {
        return new Arg(Kind.PARSED, name, false, false, maxWords, List.of(), List.of(), parser);
    }

    /** The same argument, which may be left out. */
    public Arg optional() {
        return new Arg(kind, name, true, repeated, minWords, choices, references, parser);
    }

    /** The same argument, once or more (mentions). */
    public Arg repeated() {
        if (kind != Kind.MENTION) {
            throw new IllegalArgumentException("only mentions repeat");
        }
        return new Arg(kind, name, optional, true, minWords, choices, references, parser);
    }

    /** Text of at least this many words. */
    public Arg minWords(int words) {
        if (kind != Kind.TEXT || words < 1) {
            throw new IllegalArgumentException("only text has a number of words");
        }
        return new Arg(kind, name, optional, repeated, words, choices, references, parser);
    }

    public String name() {
        return name;
    }

    public boolean isOptional() {
        return optional;
    }

    /** Whether any one word fits (a word or text argument): such arguments never make typed text a misfit. */
    public boolean acceptsAnyWord() {
        return kind == Kind.WORD || kind == Kind.TEXT;
    }

    Kind kind() {
        return kind;
    }

    /** How help shows it: {@code <team>}, {@code [team]}, {@code here}, {@code FB-12}, {@code <on track|at risk>}. */
    public String usage() {
        String shown = switch (kind) {
            case LITERAL -> name;
            case REFERENCE -> references.stream().map(Reference.Kind::example).collect(Collectors.joining("|"));
            case CHOICE -> String.join("|", choices);
            case MENTION -> "@" + name + (repeated ? "…" : "");
            default -> name;
        };
        if (optional) {
            return "[" + shown + "]";
        }
        return switch (kind) {
            case LITERAL, REFERENCE, MENTION -> shown;
            default -> "<" + shown + ">";
        };
    }

    /** The fewest and most words this argument can take of {@code available}. */
    int minTokens() {
        return kind == Kind.TEXT ? Math.max(minWords, 1) : 1;
    }

    int maxTokens(int available) {
        if (kind == Kind.TEXT || repeated) {
            return available;
        }
        if (kind == Kind.CHOICE) {
            // "under-review" can be typed as two words.
            return choices.stream().mapToInt(c -> words(normalize(c)).length).max().orElse(1);
        }
        if (kind == Kind.PARSED) {
            return minWords;
        }
        return 1;
    }

    /**
     * The value of these words (already split on white space; {@code typed} is them as typed), or a {@link Misfit}
     * saying why they do not fit.
     */
    Object read(List<String> words, String typed) {
        String first = words.get(0);
        switch (kind) {
            case LITERAL:
                return first.equalsIgnoreCase(name) ? name : Misfit.SILENT;
            case WORD:
                return first;
            case TEXT:
                // minWords 0 marks free text (see freeText).
                return minWords == 0 && words.size() == 1 && first.matches("[a-z0-9-]+") ? Misfit.SILENT : typed;
            case CHOICE: {
                String wanted = normalize(String.join(" ", words));
                return choices.stream().filter(c -> normalize(c).equals(wanted)).findFirst()
                        .map(c -> (Object) c).orElseGet(() -> words.size() > 1 ? Misfit.SILENT
                                : new Misfit("“" + first + "” is not one of " + String.join(", ", choices) + "."));
            }
            case REFERENCE:
                return Reference.parse(first, references).map(r -> (Object) r).orElseGet(() -> new Misfit("“" + first
                        + "” is not " + references.stream().map(k -> "a " + k.noun() + " number such as "
                        + k.example()).collect(Collectors.joining(" or ")) + "."));
            case DATE:
                try {
                    return LocalDate.parse(first);
                } catch (DateTimeException e) {
                    return new Misfit("“" + first + "” is not a date: write it as YYYY-MM-DD, e.g. 2026-12-24.");
                }
            case TIME:
                try {
                    return LocalTime.parse(first.length() == 4 ? "0" + first : first);
                } catch (DateTimeException e) {
                    return new Misfit("“" + first + "” is not a time: write it as HH:MM, e.g. 15:00.");
                }
            case WEEKDAY: {
                String word = first.toLowerCase(Locale.ROOT);
                return Arrays.stream(DayOfWeek.values())
                        .filter(d -> word.length() >= 3 && d.name().toLowerCase(Locale.ROOT).startsWith(word))
                        .findFirst().map(d -> (Object) d)
                        .orElseGet(() -> new Misfit("“" + first + "” is not a weekday, e.g. friday."));
            }
            case ZONE:
                try {
                    return Zones.parse(first);
                } catch (IllegalArgumentException e) {
                    return new Misfit(e.getMessage());
                }
            case MENTION: {
                List<String> ids = new ArrayList<>();
                for (String word : words) {
                    MentionTokens.Parsed parsed = MentionTokens.parse(word);
                    if (parsed.userIds().size() != 1 || !parsed.rest().isEmpty()) {
                        return words.size() > 1 ? Misfit.SILENT : new Misfit("I couldn't tell who " + first
                                + " is. Mention them so the name is highlighted (pick them from the list as you "
                                + "type).");
                    }
                    ids.add(parsed.userIds().get(0));
                }
                return List.copyOf(ids);
            }
            case PARSED:
                return parser.parse(String.join(" ", words)).map(v -> (Object) v).orElse(Misfit.SILENT);
            default:
                throw new IllegalStateException(kind.name());
        }
    }

    static String[] words(String text) {
        return text.strip().split("\\s+");
    }

    private static String normalize(String text) {
        return text.strip().toLowerCase(Locale.ROOT).replaceAll("[\\s_-]+", " ");
    }

    /** Words that do not fit an argument, and what to tell the person when that is why nothing matched. */
    record Misfit(String reason) {
        static final Misfit SILENT = new Misfit(null);
    }
}
