package io.opsbot.core.reference;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The number people use for a record, with its kind's prefix: FB-12, O-2, KR-3, TR-1, AN-4. Numbers count per tenant
 * and kind, so a reference means something only within its tenant.
 */
public record Reference(Kind kind, long number) {

    private static final Pattern TYPED = Pattern.compile("(?i)([A-Z]{1,3})-?(\\d{1,9})");
    private static final Pattern BARE = Pattern.compile("\\d{1,9}");

    public Reference {
        Objects.requireNonNull(kind, "kind");
        if (number < 1) {
            throw new IllegalArgumentException("references count from 1");
        }
    }

    /**
     * A kind of numbered record: its prefix without the dash ({@code FB}) and what it is called ("feedback item").
     * Each feature declares its own, next to the document it numbers.
     */
    public record Kind(String prefix, String noun) {
        public Kind {
            if (prefix == null || !prefix.matches("[A-Z]{1,3}")) {
                throw new IllegalArgumentException("a prefix is one to three capital letters: " + prefix);
            }
            Objects.requireNonNull(noun, "noun");
        }

        /** An example, as help texts show it: {@code FB-12}. */
        public String example() {
            return prefix + "-12";
        }

        public Reference of(long number) {
            return new Reference(this, number);
        }
    }

    /**
     * Reads {@code FB-12} (any case, dash optional) as one of the given kinds; a bare number too when only one kind is
     * possible. Empty for anything else.
     */
    public static Optional<Reference> parse(String text, List<Kind> kinds) {
        String t = text == null ? "" : text.strip();
        if (kinds.size() == 1 && BARE.matcher(t).matches()) {
            long number = Long.parseLong(t);
            return number < 1 ? Optional.empty() : Optional.of(new Reference(kinds.get(0), number));
        }
        Matcher m = TYPED.matcher(t);
        if (!m.matches() || Long.parseLong(m.group(2)) < 1) {
            return Optional.empty();
        }
        String prefix = m.group(1).toUpperCase(Locale.ROOT);
        return kinds.stream().filter(k -> k.prefix().equals(prefix)).findFirst()
                .map(k -> new Reference(k, Long.parseLong(m.group(2))));
    }

    public static Optional<Reference> parse(String text, Kind kind) {
        return parse(text, List.of(kind));
    }

    public boolean is(Kind other) {
        return kind.equals(other);
    }

    /** {@code FB-12}. */
    @Override
    public String toString() {
        return kind.prefix() + "-" + number;
    }
}
