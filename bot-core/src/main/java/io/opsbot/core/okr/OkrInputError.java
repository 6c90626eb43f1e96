package io.opsbot.core.okr;

import io.opsbot.core.conversation.UserError;

/** Bad input in one field of an OKR form: forms show it under that input, commands show the message. */
public class OkrInputError extends UserError {

    private final String field;

    public OkrInputError(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
