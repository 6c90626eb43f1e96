package io.opsbot.core.conversation;

import java.util.Optional;

/**
 * Gets first look at free text sent to the bot, so a multi-step conversation in progress (standup answers, a check-in)
 * can take the reply before it is read as a command.
 */
public interface MessageInterceptor {

    Optional<Response> intercept(Invoker invoker, String text);
}
