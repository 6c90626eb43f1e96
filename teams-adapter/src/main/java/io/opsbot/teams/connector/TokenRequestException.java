package io.opsbot.teams.connector;

import java.io.IOException;

/** Getting the bot's token failed: refused by the identity platform ({@link #status()} 4xx) or unreachable (0, 5xx). */
public class TokenRequestException extends IOException {

    private final int status;

    public TokenRequestException(int status, String message, Throwable cause) {
        super(message, cause);
        this.status = status;
    }

    public int status() {
        return status;
    }

    /** True when asking again will not help: a wrong id, secret, tenant or identity. */
    public boolean refused() {
        return status >= 400 && status < 500;
    }
}
