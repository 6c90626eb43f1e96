package io.opsbot.core.conversation;

/**
 * Bad input the user can fix. The {@link ConversationEngine} turns it into a private reply with this message; anything
 * else thrown by a handler becomes a generic apology, never a stack trace.
 */
public class UserError extends RuntimeException {

    public UserError(String message) {
        super(message);
    }
}
