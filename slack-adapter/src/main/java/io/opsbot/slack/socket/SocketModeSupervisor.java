package io.opsbot.slack.socket;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.JsonSyntaxException;
import com.slack.api.Slack;
import com.slack.api.methods.SlackApiException;
import com.slack.api.methods.response.apps.connections.AppsConnectionsOpenResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Keeps the bot connected to Slack over Socket Mode, whatever happens: every failure to connect or reconnect (the
 * API down, {@code ok:false}, HTTP 5xx, a WebSocket that does not open) is retried with backoff and jitter, forever,
 * with one WARN line per attempt; a closed socket (1001, 1006, 1011...) is replaced at once, and a {@code disconnect}
 * frame by opening the new connection before the old one goes. Envelopes are handled on a bounded pool, each acked
 * on its socket as soon as it is handled, so a burst of commands is acked inside Slack's three seconds. How long the
 * connection has been down is reported to health ({@link SocketModeHealthIndicator}).
 */
public class SocketModeSupervisor implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(SocketModeSupervisor.class);

    /** The state health reports: connected, or down since when, after how many failed attempts and why. */
    public record Status(boolean connected, Instant downSince, int failures, String lastError) {
    }

    private final Slack slack;
    private final String appToken;
    private final EnvelopeHandler envelopes;
    private final SocketModeProperties properties;
    private final Backoff backoff;
    private final Delays delays;
    private final Clock clock;
    private ThreadPoolExecutor workers;

    private boolean running;
    private boolean attemptScheduled;
    private SocketModeConnection current;
    private Instant downSince;
    private int failures;
    private String lastError;

    public SocketModeSupervisor(Slack slack, String appToken, EnvelopeHandler envelopes,
                                SocketModeProperties properties, Backoff backoff, Delays delays, Clock clock) {
        this.slack = slack;
        this.appToken = appToken;
        this.envelopes = envelopes;
        this.properties = properties;
        this.backoff = backoff;
        this.delays = delays;
        this.clock = clock;
    }

    @Override
    public synchronized void start() {
        int size = properties.effectiveWorkers();
        AtomicInteger n = new AtomicInteger();
        workers = new ThreadPoolExecutor(size, size, 60, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(properties.queue()), task -> {
                    Thread thread = new Thread(task, "slack-envelope-" + n.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                }, new ThreadPoolExecutor.CallerRunsPolicy());
        running = true;
        downSince = clock.instant();
        log.info("Slack Socket Mode connecting ({} envelope workers)", size);
        scheduleAttempt(Duration.ZERO);
    }

    @Override
    public void stop() {
        SocketModeConnection open;
        synchronized (this) {
            running = false;
            open = current;
            current = null;
        }
        delays.shutdown();
        if (open != null) {
            open.close(1000, "shutting down");
        }
        ThreadPoolExecutor pool = workers;
        if (pool != null) {
            pool.shutdown();
            try {
                pool.awaitTermination(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return running;
    }

    public synchronized Status status() {
        return new Status(current != null && current.isOpen(), downSince, failures, lastError);
    }

    /** Opens a new connection: one apps.connections.open (one ticket), then the WebSocket it names. */
    void attempt() {
        synchronized (this) {
            attemptScheduled = false;
            if (!running) {
                return;
            }
        }
        String url;
        try {
            AppsConnectionsOpenResponse opened = slack.methods(appToken).appsConnectionsOpen(r -> r);
            if (!opened.isOk()) {
                failed("apps.connections.open answered " + opened.getError(), null);
                return;
            }
            url = opened.getUrl();
        } catch (SlackApiException e) {
            failed("apps.connections.open answered HTTP " + e.getResponse().code(), e);
            return;
        } catch (IOException | RuntimeException e) {
            failed("apps.connections.open failed: " + e, e);
            return;
        }
        SocketModeConnection connection = new SocketModeConnection(URI.create(url), this);
        connection.setConnectionLostTimeout((int) Math.max(1, properties.pingTimeout().toSeconds()));
        boolean open;
        try {
            open = connection.connectBlocking(properties.connectTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        if (!open) {
            connection.close();
            failed("the WebSocket did not open", null);
            return;
        }
        connected(connection);
    }

    private void connected(SocketModeConnection connection) {
        SocketModeConnection replaced;
        synchronized (this) {
            if (!running) {
                connection.close(1000, "shutting down");
                return;
            }
            replaced = current;
            current = connection;
            if (downSince != null) {
                log.info("Slack Socket Mode connected{}", failures > 0 ? " after " + failures + " failed attempt(s), "
                        + "down for " + Duration.between(downSince, clock.instant()).toSeconds() + " s" : "");
            }
            downSince = null;
            failures = 0;
            lastError = null;
        }
        if (replaced != null && replaced != connection) {
            // Slack asked for a new connection (disconnect frame): the old one goes once the new one is up.
            replaced.close(1000, "replaced");
        }
    }

    private void failed(String error, Throwable cause) {
        Duration wait;
        synchronized (this) {
            if (!running) {
                return;
            }
            failures++;
            lastError = error;
            if (downSince == null) {
                downSince = clock.instant();
            }
            wait = backoff.after(failures);
            if (failures == 1 && cause != null) {
                // The first failure of an outage carries its stack trace; the ones after it are one line each.
                log.warn("Slack Socket Mode not connected: {} (attempt {}); next try in {} ms", error, failures,
                        wait.toMillis(), cause);
            } else {
                log.warn("Slack Socket Mode not connected: {} (attempt {}); next try in {} ms", error, failures,
                        wait.toMillis());
            }
        }
        scheduleAttempt(wait);
    }

    void closed(SocketModeConnection connection, int code, String reason) {
        synchronized (this) {
            if (connection != current || !running) {
                return;
            }
            current = null;
            downSince = clock.instant();
            log.warn("Slack closed the Socket Mode connection (code {}{}); reconnecting", code,
                    reason == null || reason.isBlank() ? "" : ", " + reason);
        }
        scheduleAttempt(Duration.ZERO);
    }

    void received(SocketModeConnection connection, String frame) {
        String type = type(frame);
        if ("hello".equals(type)) {
            return;
        }
        if ("disconnect".equals(type)) {
            synchronized (this) {
                if (connection != current) {
                    return;
                }
            }
            log.info("Slack asked for a new Socket Mode connection ({})", reason(frame));
            scheduleAttempt(Duration.ZERO);
            return;
        }
        ThreadPoolExecutor pool = workers;
        if (pool == null || pool.isShutdown()) {
            return;
        }
        pool.execute(() -> {
            String ack = envelopes.handle(frame);
            if (ack != null) {
                acknowledge(connection, ack);
            }
        });
    }

    /** On the socket the envelope came in on, or on the one that replaced it. */
    private void acknowledge(SocketModeConnection connection, String ack) {
        SocketModeConnection target = connection;
        if (!target.isOpen()) {
            synchronized (this) {
                target = current;
            }
        }
        if (target != null && target.isOpen()) {
            target.send(ack);
        } else {
            log.warn("An envelope was handled but its acknowledgement could not be sent (no open connection); "
                    + "Slack will deliver it again");
        }
    }

    private synchronized void scheduleAttempt(Duration wait) {
        if (running && !attemptScheduled) {
            attemptScheduled = true;
            delays.after(wait, this::attempt);
        }
    }

    private static String type(String frame) {
        try {
            JsonObject json = JsonParser.parseString(frame).getAsJsonObject();
            return json.has("type") ? json.get("type").getAsString() : null;
        } catch (JsonSyntaxException | IllegalStateException e) {
            return null;
        }
    }

    private static String reason(String frame) {
        JsonObject json = JsonParser.parseString(frame).getAsJsonObject();
        return json.has("reason") ? json.get("reason").getAsString() : "no reason given";
    }
}
