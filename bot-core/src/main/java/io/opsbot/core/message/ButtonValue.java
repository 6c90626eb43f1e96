package io.opsbot.core.message;

/**
 * What a button carries back when clicked: the id of what it acts on ({@code subject}) and, for some buttons, one
 * argument (the status to move to, the step to show). Encoded {@code subject} or {@code subject#argument}; ids never
 * contain {@code #}. Every feature's buttons are written and read with this, never by hand. A button about nothing in
 * particular (Refresh) carries {@link #NONE}.
 */
public record ButtonValue(String subject, String argument) {

    /** The value of a button that acts on nothing in particular. */
    public static final ButtonValue NONE = new ButtonValue("", null);

    private static final char SEPARATOR = '#';

    public ButtonValue {
        if (subject == null || subject.indexOf(SEPARATOR) >= 0) {
            throw new IllegalArgumentException("a button's subject is an id without '#': " + subject);
        }
        argument = argument == null || argument.isEmpty() ? null : argument;
        if (subject.isEmpty() && argument != null) {
            throw new IllegalArgumentException("an argument needs a subject");
        }
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

    /** Reads a button's value; {@link #NONE} for an empty one, or one without a subject. */
    public static ButtonValue decode(String value) {
        if (value == null || value.isEmpty()) {
            return NONE;
        }
        int at = value.lastIndexOf(SEPARATOR);
        String subject = at < 0 ? value : value.substring(0, at);
        return subject.isEmpty() ? NONE : new ButtonValue(subject, at < 0 ? null : value.substring(at + 1));
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
