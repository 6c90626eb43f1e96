package io.opsbot.slack.installation;

import com.slack.api.bolt.App;
import com.slack.api.bolt.AppConfig;
import com.slack.api.bolt.middleware.Middleware;
import com.slack.api.bolt.middleware.builtin.MultiTeamsAuthorization;
import com.slack.api.bolt.middleware.builtin.SingleTeamAuthorization;

import java.util.List;

/**
 * A Bolt app whose authorization step checks the request's workspace ({@link InstallationAuthorization}), in place of
 * Bolt's single-team one (one bot token) or multi-team one (OAuth installs).
 */
public class InstallationCheckingApp extends App {

    private final transient Middleware authorization;

    public InstallationCheckingApp(AppConfig config, Middleware authorization) {
        super(config);
        this.authorization = authorization;
    }

    @Override
    protected List<Middleware> buildDefaultMiddlewareList(AppConfig config) {
        List<Middleware> middlewares = super.buildDefaultMiddlewareList(config);
        middlewares.replaceAll(m -> m instanceof SingleTeamAuthorization || m instanceof MultiTeamsAuthorization
                ? authorization : m);
        if (!middlewares.contains(authorization)) {
            throw new IllegalStateException("Bolt's middleware list has no authorization step to replace");
        }
        return middlewares;
    }
}
