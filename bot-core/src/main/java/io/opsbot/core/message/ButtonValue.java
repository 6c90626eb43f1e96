package io.opsbot.core.message;

/**
 * What a button carries back when clicked: the id of what it acts on ({@code subject}) and, for some buttons, one
 * argument (the status to move to, the step to show). Encoded {@code subject} or {@code subject#argument}; ids never
 * contain {@code #}. Every feature's buttons are written and read with this, never by hand.
 */
public record ButtonValue(String subject, String argument) {

    private static final char SEPARATOR = '#';

    public ButtonValue {
        if (subject == null || subject.isEmpty() || subject.indexOf(SEPARATOR) >= 0) {
            throw new IllegalArgumentException("a button's subject is a non-empty id without '#': " + subject);
        }
        argument = argument == null || argument.isEmpty() ? null : argument;
    }

    public static ButtonValue of(String subject) {
        return new ButtonValue(subject, null);
    }

    public static ButtonValue of(String subject, String argument) {
        return new ButtonValue(subject, argument);
    }

    /** The value as it travels in a button; {@link #decode} reads it back. */
    public String encode() {
        return argument == null ? subject : subject + SEPARATOR + argument;
    }

    /** Reads a button's value; null for an empty one (a button that carried nothing, or a forged click). */
    public static ButtonValue decode(String value) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        int at = value.lastIndexOf(SEPARATOR);
        String subject = at < 0 ? value : value.substring(0, at);
        return subject.isEmpty() ? null : new ButtonValue(subject, at < 0 ? null : value.substring(at + 1));
    }

    /** The argument as a whole number, or -1 when there is none or it is not one. */
    public int intArgument() {
        try {
            return argument == null ? -1 : Integer.parseInt(argument);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    @Override
    public String toString() {
        return encode();
    }
}
