package io.opsbot.core.conversation;

/** Who sees a reply: only the person who asked (Slack ephemeral; in Teams the reply goes to the same chat) or all. */
public enum Visibility { PRIVATE, IN_CONVERSATION }
