package io.opsbot.core.tenant;

/** The chat platforms the bot speaks on. */
public enum Platform {
    SLACK("Slack", "/", "workspace"),
    TEAMS("Microsoft Teams", "", "organisation");

    private final String displayName;
    private final String commandPrefix;
    private final String tenantNoun;

    Platform(String displayName, String commandPrefix, String tenantNoun) {
        this.displayName = displayName;
        this.commandPrefix = commandPrefix;
        this.tenantNoun = tenantNoun;
    }

    /** What people on this platform call a tenant: a Slack workspace, a Microsoft 365 organisation. */
    public String tenantNoun() {
        return tenantNoun;
    }

    public String displayName() {
        return displayName;
    }

    /** How a user types a command here: {@code /feedback} on Slack, {@code feedback} to the Teams bot. */
    public String command(String name) {
        return commandPrefix + name;
    }
}
