package io.opsbot.teams.auth;

import java.util.Arrays;
import java.util.Optional;

/**
 * How the bot's Entra identity is registered ({@code MICROSOFT_APP_TYPE}). Since 2025-07-31 Azure creates only
 * single-tenant and user-assigned managed identity bots; multi-tenant registrations made before keep working.
 */
public enum BotType {

    /** An app registration in one tenant, with a client secret or certificate. */
    SINGLE_TENANT("SingleTenant"),
    /** A user-assigned managed identity: no secret, tokens from the Azure host's managed-identity endpoint. */
    USER_ASSIGNED_MSI("UserAssignedMSI"),
    /** A multi-tenant app registration (only existing ones), tokens from the botframework.com tenant. */
    MULTI_TENANT("MultiTenant");

    private final String setting;

    BotType(String setting) {
        this.setting = setting;
    }

    /** The value of {@code MICROSOFT_APP_TYPE}, as the Azure portal and the Microsoft SDKs spell it. */
    public String setting() {
        return setting;
    }

    /** Case-insensitive, as the Microsoft SDKs read it. */
    public static Optional<BotType> parse(String value) {
        String v = value == null ? "" : value.strip();
        return Arrays.stream(values()).filter(t -> t.setting.equalsIgnoreCase(v)).findFirst();
    }

    /** Whether tokens signed by the bot's own Entra tenant are accepted besides the Bot Framework's. */
    public boolean tenantIssued() {
        return this != MULTI_TENANT;
    }
}
