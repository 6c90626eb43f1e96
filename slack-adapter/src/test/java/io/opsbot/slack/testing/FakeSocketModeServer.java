package io.opsbot.slack.testing;

import org.java_websocket.WebSocket;
import org.java_websocket.handshake.ClientHandshake;
import org.java_websocket.server.WebSocketServer;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Slack's side of a Socket Mode connection: greets each client with the {@code hello} frame Slack sends, lets a test
 * push envelopes, and records what the client sends back (acks carrying {@code envelope_id}).
 */
public class FakeSocketModeServer extends WebSocketServer {

    private final List<String> received = new CopyOnWriteArrayList<>();
    private final List<WebSocket> clients = new CopyOnWriteArrayList<>();

    public FakeSocketModeServer() {
        super(new InetSocketAddress("127.0.0.1", freePort()));
        setReuseAddr(true);
    }

    /** A server started and named by {@code slack}'s apps.connections.open. */
    public static FakeSocketModeServer startFor(FakeSlackApi slack) {
        FakeSocketModeServer server = new FakeSocketModeServer();
        server.start();
        slack.socketModeUrl(server.url());
        return server;
    }

    public String url() {
        return "ws://127.0.0.1:" + getAddress().getPort() + "/";
    }

    private static int freePort() {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    public boolean connected() {
        return !clients.isEmpty();
    }

    public void push(String envelope) {
        clients.forEach(client -> client.send(envelope));
    }

    public List<String> received() {
        return List.copyOf(received);
    }

    @Override
    public void onOpen(WebSocket conn, ClientHandshake handshake) {
        clients.add(conn);
        conn.send(Fixtures.text("slack/socket_mode/hello.json"));
    }

    @Override
    public void onClose(WebSocket conn, int code, String reason, boolean remote) {
        clients.remove(conn);
    }

    @Override
    public void onMessage(WebSocket conn, String message) {
        received.add(message);
    }

    @Override
    public void onError(WebSocket conn, Exception ex) {
        // The test fails on missing acks; errors here are the client going away at shutdown.
    }

    @Override
    public void onStart() {
    }
}
