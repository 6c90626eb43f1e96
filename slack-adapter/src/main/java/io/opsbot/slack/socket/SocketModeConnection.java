package io.opsbot.slack.socket;

import org.java_websocket.client.WebSocketClient;
import org.java_websocket.handshake.ServerHandshake;

import java.net.URI;

/** One WebSocket to Slack; everything it hears goes to the {@link SocketModeSupervisor} that opened it. */
final class SocketModeConnection extends WebSocketClient {

    private final SocketModeSupervisor supervisor;

    SocketModeConnection(URI url, SocketModeSupervisor supervisor) {
        super(url);
        this.supervisor = supervisor;
    }

    @Override
    public void onOpen(ServerHandshake handshake) {
        // The supervisor takes the connection into use once the handshake has completed (connectBlocking returns).
    }

    @Override
    public void onMessage(String message) {
        supervisor.received(this, message);
    }

    @Override
    public void onClose(int code, String reason, boolean remote) {
        supervisor.closed(this, code, reason);
    }

    @Override
    public void onError(Exception e) {
        // onClose follows for errors that end the connection; the supervisor logs and reconnects there.
    }
}
