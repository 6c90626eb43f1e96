package io.opsbot.slack.web;

import com.slack.api.bolt.App;
import com.slack.api.bolt.socket_mode.SocketModeApp;
import com.slack.api.socket_mode.SocketModeClient;
import io.opsbot.slack.config.SlackProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * With an app-level token the bot opens a Socket Mode WebSocket to Slack (no public URL needed); the same Bolt app
 * handles what arrives. The SDK reconnects on its own after a disconnect frame.
 */
@Component
class SocketModeRunner implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(SocketModeRunner.class);

    private final App app;
    private final SlackProperties properties;
    private volatile SocketModeApp socketMode;

    SocketModeRunner(App app, SlackProperties properties) {
        this.app = app;
        this.properties = properties;
    }

    @Override
    public void start() {
        if (!properties.socketMode()) {
            return;
        }
        try {
            socketMode = new SocketModeApp(properties.appToken(), SocketModeClient.Backend.JavaWebSocket, app);
            socketMode.startAsync();
            log.info("Slack Socket Mode connecting");
        } catch (Exception e) {
            throw new IllegalStateException("Could not start Slack Socket Mode: " + e.getMessage(), e);
        }
    }

    @Override
    public void stop() {
        SocketModeApp running = socketMode;
        socketMode = null;
        if (running != null) {
            try {
                running.close();
            } catch (Exception e) {
                log.warn("Closing Socket Mode: {}", e.getMessage());
            }
        }
    }

    @Override
    public boolean isRunning() {
        return socketMode != null;
    }
}
