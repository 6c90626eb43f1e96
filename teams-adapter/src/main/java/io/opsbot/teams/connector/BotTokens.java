package io.opsbot.teams.connector;

import java.io.IOException;

/** The bot's own access token for calls to the Bot Connector ({@code https://api.botframework.com}). */
public interface BotTokens {

    String RESOURCE = "https://api.botframework.com";
    String SCOPE = RESOURCE + "/.default";

    /**
     * A valid token: the cached one until shortly before it expires, else a new one. {@code forceRefresh} skips the
     * cache (after the connector refused the cached token).
     */
    String token(boolean forceRefresh) throws IOException;
}
