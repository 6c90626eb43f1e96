package io.opsbot.slack.testing;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

import static org.awaitility.Awaitility.await;

/**
 * A local stand-in for the Slack Web API ({@code /api/<method>}) and for response_url hooks ({@code /hooks/...}).
 * It answers with the shapes of Slack's published examples (fixtures/slack-api), records every call, and fails on
 * demand (HTTP 429 with Retry-After, or {@code ok:false} errors).
 */
public class FakeSlackApi implements AutoCloseable {

    private static final String UPLOAD_PATH = "/upload/v1/";

    /** The workspace auth.test reports: the team of Slack's published slash command example. */
    public static final String TEAM_ID = "T0001";

    public record Call(String method, Map<String, String> params, String body, Map<String, String> headers,
                       String responseBody) {
        public String param(String name) {
            return params.get(name);
        }

        /** The request's JSON body, parsed (response_url posts and JSON-encoded methods). */
        public JsonObject json() {
            return JsonParser.parseString(body).getAsJsonObject();
        }

        /** What the fake answered. */
        public JsonObject response() {
            return JsonParser.parseString(responseBody).getAsJsonObject();
        }

        /** A JSON-valued form parameter (blocks, view), parsed. */
        public com.google.gson.JsonElement jsonParam(String name) {
            return JsonParser.parseString(params.get(name));
        }
    }

    /** A canned failure for the first call whose parameters match {@code when}. */
    private record Failure(int status, String body, String retryAfter, Predicate<Map<String, String>> when) {
    }

    private final HttpServer server;
    private final java.util.concurrent.ExecutorService executor = Executors.newFixedThreadPool(8);
    private final List<Call> calls = new CopyOnWriteArrayList<>();
    private final Map<String, Queue<Failure>> failures = new ConcurrentHashMap<>();
    private final AtomicLong ts = new AtomicLong(1_700_000_000_000_100L);
    private volatile String socketModeUrl = "ws://127.0.0.1:1/";
    private final Map<String, JsonObject> users = new ConcurrentHashMap<>();
    private final Map<String, List<String>> members = new ConcurrentHashMap<>();
    /** Bytes POSTed to an upload URL files.getUploadURLExternal handed out, by file id. */
    private final Map<String, byte[]> uploads = new ConcurrentHashMap<>();
    private final AtomicLong fileIds = new AtomicLong(100);

    static {
        // The JDK server leaves Nagle's algorithm on; with clients that write headers and body separately that costs
        // a delayed-ACK wait (about 40 ms) per request, which would make the fake, not the bot, the bottleneck.
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    public FakeSlackApi() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    public String apiBaseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/api/";
    }

    /** A response_url that lands here. */
    public String responseUrl(String name) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hooks/" + name;
    }

    /** A workspace member as users.info returns them: Slack's published example with this id, name and zone. */
    public void user(String id, String displayName, String tz, boolean bot) {
        JsonObject user = Fixtures.json("slack-api/users.info.ok.json").getAsJsonObject("user");
        user.addProperty("id", id);
        user.addProperty("name", displayName.toLowerCase().replace(' ', '.'));
        user.addProperty("real_name", displayName);
        user.getAsJsonObject("profile").addProperty("display_name", displayName);
        user.getAsJsonObject("profile").addProperty("real_name", displayName);
        user.addProperty("tz", tz);
        user.addProperty("is_bot", bot);
        user.addProperty("team_id", TEAM_ID);
        users.put(id, user);
    }

    /** The members conversations.members reports for a channel. */
    public void members(String channel, List<String> ids) {
        members.put(channel, List.copyOf(ids));
    }

    /** Where apps.connections.open sends Socket Mode clients. */
    public void socketModeUrl(String url) {
        socketModeUrl = url;
    }

    public List<Call> calls() {
        return List.copyOf(calls);
    }

    public List<Call> calls(String method) {
        return calls.stream().filter(c -> c.method().equals(method)).toList();
    }

    public Call awaitCall(String method, Predicate<Call> matching) {
        return await().atMost(Duration.ofSeconds(10)).until(
                () -> calls(method).stream().filter(matching).findFirst().orElse(null), java.util.Objects::nonNull);
    }

    /** The bytes uploaded for this file id (files.getUploadURLExternal, then a POST to its upload_url). */
    public byte[] uploaded(String fileId) {
        return uploads.get(fileId);
    }

    public void reset() {
        uploads.clear();
        calls.clear();
        failures.clear();
        users.clear();
        members.clear();
    }

    /** The next call of {@code method} gets HTTP 429 with this Retry-After. */
    public void rateLimitNext(String method, int retryAfterSeconds) {
        rateLimitNext(method, null, retryAfterSeconds);
    }

    /**
     * The next call of {@code method} for {@code channel} gets HTTP 429 with this Retry-After: a late post of an
     * earlier test to another channel cannot take the failure meant for this one.
     */
    public void rateLimitNext(String method, String channel, int retryAfterSeconds) {
        rateLimitNextWhen(method, inChannel(channel), retryAfterSeconds);
    }

    /** The next call of {@code method} whose parameters match {@code when} gets HTTP 429 with this Retry-After. */
    public void rateLimitNextWhen(String method, Predicate<Map<String, String>> when, int retryAfterSeconds) {
        queue(method, new Failure(429, "{\"ok\":false,\"error\":\"ratelimited\"}",
                String.valueOf(retryAfterSeconds), when));
    }

    private static Predicate<Map<String, String>> inChannel(String channel) {
        return params -> channel == null || channel.equals(params.get("channel"));
    }

    /** The next call of {@code method} gets {@code {"ok":false,"error":error}}. */
    public void failNext(String method, String error) {
        failNext(method, null, error);
    }

    /** The next call of {@code method} for {@code channel} gets {@code {"ok":false,"error":error}}. */
    public void failNext(String method, String channel, String error) {
        queue(method, new Failure(200, "{\"ok\":false,\"error\":\"" + error + "\"}", null, inChannel(channel)));
    }

    private void queue(String method, Failure failure) {
        failures.computeIfAbsent(method, m -> new ConcurrentLinkedQueue<>()).add(failure);
    }

    @Override
    public void close() {
        server.stop(0);
        // Its threads would keep a JVM that is done (a benchmark) alive.
        executor.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        byte[] raw;
        try (InputStream in = exchange.getRequestBody()) {
            raw = in.readAllBytes();
        }
        String body = new String(raw, StandardCharsets.UTF_8);
        if (path.startsWith(UPLOAD_PATH)) {
            // Slack's file upload service: stores what arrives, answers 200 with a plain-text "OK".
            String fileId = path.substring(UPLOAD_PATH.length());
            calls.add(new Call("upload", Map.of("file_id", fileId), body, Map.of(), "OK - " + raw.length));
            uploads.put(fileId, raw);
            respond(exchange, 200, "OK - " + raw.length);
            return;
        }
        String method = path.startsWith("/api/") ? path.substring(5) : "response_url";
        String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
        Map<String, String> params = contentType != null && contentType.startsWith("application/x-www-form-urlencoded")
                ? parseForm(body) : Map.of();
        Map<String, String> headers = new HashMap<>();
        exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(), String.join(",", v)));
        Queue<Failure> queued = failures.get(method);
        Failure failure = null;
        if (queued != null) {
            synchronized (queued) {
                failure = queued.stream().filter(f -> f.when().test(params)).findFirst().orElse(null);
                if (failure != null) {
                    queued.remove(failure);
                }
            }
        }
        if (failure != null) {
            calls.add(new Call(method, params, body, headers, failure.body()));
            if (failure.retryAfter() != null) {
                exchange.getResponseHeaders().add("Retry-After", failure.retryAfter());
            }
            respond(exchange, failure.status(), failure.body());
            return;
        }
        String answer = answer(method, params, body);
        calls.add(new Call(method, params, body, headers, answer));
        respond(exchange, 200, answer);
    }

    private String answer(String method, Map<String, String> params, String body) {
        String nextTs = String.format("%d.%06d", ts.get() / 1_000_000, ts.incrementAndGet() % 1_000_000);
        JsonObject json = params.isEmpty() && body.startsWith("{") ? JsonParser.parseString(body).getAsJsonObject()
                : null;
        String channel = params.getOrDefault("channel", json != null && json.has("channel")
                ? json.get("channel").getAsString() : "C0000000");
        return switch (method) {
            case "auth.test" -> "{\"ok\":true,\"url\":\"https://example.slack.com/\",\"team\":\"Example\","
                    + "\"user\":\"opsbot\",\"team_id\":\"" + TEAM_ID + "\",\"user_id\":\"UBOT0001\",\"bot_id\":\"B0001\"}";
            case "chat.postMessage" -> "{\"ok\":true,\"channel\":\"" + dmChannel(channel) + "\",\"ts\":\"" + nextTs
                    + "\",\"message\":{\"type\":\"message\",\"text\":\"\",\"ts\":\"" + nextTs + "\"}}";
            case "chat.update" -> "{\"ok\":true,\"channel\":\"" + channel + "\",\"ts\":\""
                    + params.getOrDefault("ts", nextTs) + "\",\"text\":\"\"}";
            case "chat.postEphemeral" -> "{\"ok\":true,\"message_ts\":\"" + nextTs + "\"}";
            case "conversations.open" -> "{\"ok\":true,\"channel\":{\"id\":\"D" + params.getOrDefault("users", "X")
                    .replace(",", "") + "\"}}";
            case "apps.connections.open" -> "{\"ok\":true,\"url\":\"" + socketModeUrl + "\"}";
            case "views.open" -> Fixtures.text("slack-api/views.open.ok.json");
            case "files.getUploadURLExternal" -> uploadUrl();
            case "files.completeUploadExternal" -> completeUpload(params);
            case "users.info" -> usersInfo(params.get("user"));
            case "conversations.members" -> conversationsMembers(params.get("channel"));
            case "response_url" -> "ok";
            default -> "{\"ok\":true}";
        };
    }

    /** Slack's published success response, with an upload URL on this fake and a file id of its own. */
    private String uploadUrl() {
        JsonObject response = Fixtures.json("slack-api/files.getUploadURLExternal.ok.json");
        String fileId = "F" + fileIds.incrementAndGet();
        response.addProperty("file_id", fileId);
        response.addProperty("upload_url", "http://127.0.0.1:" + server.getAddress().getPort() + UPLOAD_PATH
                + fileId);
        return response.toString();
    }

    /** Slack's published success response, for the files given (a file never uploaded is refused as Slack does). */
    private String completeUpload(Map<String, String> params) {
        com.google.gson.JsonArray files = JsonParser.parseString(params.getOrDefault("files", "[]")).getAsJsonArray();
        for (com.google.gson.JsonElement file : files) {
            if (!uploads.containsKey(file.getAsJsonObject().get("id").getAsString())) {
                return "{\"ok\":false,\"error\":\"file_not_found\"}";
            }
        }
        JsonObject response = Fixtures.json("slack-api/files.completeUploadExternal.ok.json");
        response.add("files", files);
        return response.toString();
    }

    /** Posting to a user id lands in the app's DM with them; Slack answers with that DM's channel id. */
    private static String dmChannel(String channel) {
        return channel.startsWith("U") || channel.startsWith("W") ? "D" + channel : channel;
    }

    private String usersInfo(String id) {
        JsonObject user = users.get(id);
        if (user == null) {
            return Fixtures.text("slack-api/users.info.error.json");
        }
        JsonObject response = new JsonObject();
        response.addProperty("ok", true);
        response.add("user", user);
        return response.toString();
    }

    private String conversationsMembers(String channel) {
        JsonObject response = new JsonObject();
        response.addProperty("ok", true);
        com.google.gson.JsonArray ids = new com.google.gson.JsonArray();
        members.getOrDefault(channel, List.of()).forEach(ids::add);
        response.add("members", ids);
        JsonObject meta = new JsonObject();
        meta.addProperty("next_cursor", "");
        response.add("response_metadata", meta);
        return response.toString();
    }

    private static Map<String, String> parseForm(String body) {
        Map<String, String> params = new HashMap<>();
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                params.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return params;
    }

    private static void respond(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", body.startsWith("{") ? "application/json" : "text/plain");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
