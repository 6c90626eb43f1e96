package io.opsbot.core.conversation;

/**
 * Receives clicks on buttons whose action id starts with {@code prefix() + "."}, e.g. {@code feedback.status}.
 */
public interface ActionHandler {

    String prefix();

    Response handle(ActionRequest request);
}
