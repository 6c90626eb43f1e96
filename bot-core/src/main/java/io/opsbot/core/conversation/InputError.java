package io.opsbot.core.conversation;

/** Bad input in one field of a form: forms show it under that input, commands show the message. */
public class InputError extends UserError {

    private final String field;

    public InputError(String field, String message) {
        super(message);
        this.field = field;
    }

    /** The form input it is about. */
    public String field() {
        return field;
    }
}
