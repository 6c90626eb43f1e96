package io.opsbot.core.conversation;

/** One line of a command's help: the arguments (empty for the bare command) and what they do. */
public record Usage(String arguments, String description) {
}
