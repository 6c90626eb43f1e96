package io.opsbot.core.tenant;

/** The chat platforms the bot speaks on. */
public enum Platform {
    SLACK("Slack", "/"),
    TEAMS("Microsoft Teams", "");

    private final String displayName;
    private final String commandPrefix;

    Platform(String displayName, String commandPrefix) {
        this.displayName = displayName;
        this.commandPrefix = commandPrefix;
    }

    public String displayName() {
        return displayName;
    }

    /** How a user types a command here: {@code /feedback} on Slack, {@code feedback} to the Teams bot. */
    public String command(String name) {
        return commandPrefix + name;
    }
}
