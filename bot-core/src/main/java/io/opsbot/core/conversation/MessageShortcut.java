package io.opsbot.core.conversation;

/** An action offered on any message (Slack message shortcut, Teams message extension action). */
public interface MessageShortcut {

    /** The callback id the platform sends, e.g. {@code save_as_feedback}. */
    String id();

    Response handle(Invoker invoker, SharedMessage message);
}
