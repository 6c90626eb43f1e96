package io.opsbot.bench;

import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The Bot Connector as far as a benchmark needs it: every POST (a reply, a new conversation) is answered 200 with a
 * fresh id, and counted. The bot under test sends its Teams replies here (the activity's {@code serviceUrl}).
 */
final class FakeConnector implements AutoCloseable {

    private final HttpServer server;
    private final AtomicLong posts = new AtomicLong();

    FakeConnector() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 200);
        server.setExecutor(Executors.newFixedThreadPool(8));
        server.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            long n = posts.incrementAndGet();
            byte[] body = ("{\"id\":\"bench-" + n + "\"}").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
    }

    String serviceUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/";
    }

    long posts() {
        return posts.get();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
