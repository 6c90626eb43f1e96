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
import java.util.UUID;
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
 *
 * <p>Like Slack, it checks the bot token of every call: each token belongs to one workspace (or one Enterprise Grid
 * org, for an org-wide install); an unknown, revoked or expired token is refused, and a channel or person registered
 * in one workspace is not found with another workspace's token, so a send made with the wrong installation's token
 * fails. {@code oauth.v2.access} exchanges the codes a test offers ({@link #offerInstall}) for new tokens, checking the
 * app's client id and secret, and refreshes rotating tokens.
 */
public class FakeSlackApi implements AutoCloseable {

    private static final String UPLOAD_PATH = "/upload/v1/";

    /** The workspace auth.test reports: the team of Slack's published slash command example. */
    public static final String TEAM_ID = "T0001";
    /** The bot token of {@link #TEAM_ID}, as the Slack tests configure it. */
    public static final String TOKEN = "xoxb-test-token";

    /**
     * Where a token acts: a workspace, or an org for an org-wide install ({@code teamId} null). {@code expiresAt} is
     * set for rotating tokens.
     */
    public record Workspace(String teamId, String enterpriseId, boolean orgWide, String botUserId, String botId) {

        public static Workspace team(String teamId, String botUserId) {
            return new Workspace(teamId, null, false, botUserId, "B" + teamId.substring(1));
        }

        public static Workspace teamInOrg(String teamId, String enterpriseId, String botUserId) {
            return new Workspace(teamId, enterpriseId, false, botUserId, "B" + teamId.substring(1));
        }

        public static Workspace org(String enterpriseId, String botUserId) {
            return new Workspace(null, enterpriseId, true, botUserId, "B" + enterpriseId.substring(1));
        }

        /** Whether a channel or person of this team ("T1", or "E1/T2" in an org) is reachable with its token. */
        boolean reaches(String team) {
            if (team == null) {
                return true;
            }
            int slash = team.indexOf('/');
            String inTeam = team.substring(slash + 1);
            String inOrg = slash < 0 ? null : team.substring(0, slash);
            return inTeam.equals(teamId) || orgWide && enterpriseId.equals(inOrg);
        }
    }

    /**
     * An install a test has Slack ready to grant: the code the browser brings back, and what it yields. With
     * {@code expiresIn} (seconds) the app has token rotation on: the token expires and comes with a refresh token.
     */
    public record Install(String code, Workspace workspace, String botToken, String installerUserId,
                          Integer expiresIn) {

        public static Install of(Workspace workspace, String botToken) {
            return new Install("code-" + UUID.randomUUID(), workspace, botToken, "U0INSTALLER", null);
        }

        public Install rotating(int expiresInSeconds) {
            return new Install(code, workspace, botToken, installerUserId, expiresInSeconds);
        }

        boolean isRotating() {
            return expiresIn != null;
        }
    }

    public record Call(String method, Map<String, String> params, String body, Map<String, String> headers,
                       String responseBody, String team) {
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

        /** The bot token the call was made with. */
        public String token() {
            String auth = headers.getOrDefault("authorization", "");
            return auth.startsWith("Bearer ") ? auth.substring(7) : params.get("token");
        }
    }

    /** A canned failure for the first call whose parameters match {@code when}. */
    private record Failure(int status, String body, String retryAfter, Predicate<Map<String, String>> when,
                           boolean applied) {

        Failure(int status, String body, String retryAfter, Predicate<Map<String, String>> when) {
            this(status, body, retryAfter, when, false);
        }
    }

    /** A message as it landed: where, under which thread, its ts, and the metadata it was posted with. */
    private record Posted(String channel, String threadTs, String ts, String text, JsonObject metadata) {
    }

    private record Chaos(double rate, Duration hang, java.util.Random random) {
    }

    private final HttpServer server;
    private final java.util.concurrent.ExecutorService executor = Executors.newFixedThreadPool(8);
    private final List<Call> calls = new CopyOnWriteArrayList<>();
    private final List<java.util.function.Consumer<Call>> listeners = new CopyOnWriteArrayList<>();
    private final Map<String, Queue<Failure>> failures = new ConcurrentHashMap<>();
    /** Message timestamps in microseconds, from the real time, as Slack hands them out. */
    private final AtomicLong ts = new AtomicLong(System.currentTimeMillis() * 1000);
    private final List<Posted> posted = new CopyOnWriteArrayList<>();
    private final Map<String, Duration> delays = new ConcurrentHashMap<>();
    private volatile boolean down;
    private volatile Chaos chaos;
    private volatile String socketModeUrl = "ws://127.0.0.1:1/";
    private final Map<String, JsonObject> users = new ConcurrentHashMap<>();
    private final Map<String, List<String>> members = new ConcurrentHashMap<>();
    /** Bot token -> where it acts; tokens refused with the error Slack gives. */
    private final Map<String, Workspace> tokens = new ConcurrentHashMap<>();
    private final Map<String, String> deadTokens = new ConcurrentHashMap<>();
    private final Map<String, Long> tokenExpiry = new ConcurrentHashMap<>();
    /** Channel or user id -> the team it is in ("E1/T2" for a team of an org). */
    private final Map<String, String> owners = new ConcurrentHashMap<>();
    private final Map<String, Install> offered = new ConcurrentHashMap<>();
    /** Refresh token -> the access token it refreshes. */
    private final Map<String, String> refreshTokens = new ConcurrentHashMap<>();
    private final AtomicLong issued = new AtomicLong();
    private volatile String clientId = "111.222";
    private volatile String clientSecret = "client-secret";
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
        token(TOKEN, Workspace.team(TEAM_ID, "UBOT0001"));
    }

    /** A bot token Slack accepts, acting in {@code workspace}. */
    public FakeSlackApi token(String token, Workspace workspace) {
        tokens.put(token, workspace);
        deadTokens.remove(token);
        return this;
    }

    /** Another bot token of the default workspace ({@link #TEAM_ID}). */
    public FakeSlackApi token(String token) {
        return token(token, tokens.get(TOKEN));
    }

    /** The token no longer works: the app was uninstalled, or the token revoked ({@code token_revoked}). */
    public void revoke(String token) {
        if (tokens.remove(token) != null) {
            deadTokens.put(token, "token_revoked");
        }
    }

    /** The app's client credentials, which oauth.v2.access checks. */
    public void oauthClient(String id, String secret) {
        clientId = id;
        clientSecret = secret;
    }

    /**
     * Slack is ready to grant this install: the person approved it and is sent back with {@code code}. Rotating
     * installs get an expiring token and a refresh token (token rotation on).
     */
    public void offerInstall(Install install) {
        offered.put(install.code(), install);
    }

    /** The channel is in this team (of this org, or null): other workspaces' tokens do not find it. */
    public void channel(String channelId, String enterpriseId, String teamId) {
        owners.put(channelId, enterpriseId == null ? teamId : enterpriseId + "/" + teamId);
    }

    /** A person of this team (of this org, or null), known to users.info there only. */
    public void user(String id, String displayName, String tz, String enterpriseId, String teamId) {
        user(id, displayName, tz, false);
        users.get(id).addProperty("team_id", teamId);
        channel(id, enterpriseId, teamId);
    }

    /** Where the token acts; null when Slack would refuse it. */
    public Workspace workspaceOf(String token) {
        return token == null ? null : tokens.get(token);
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

    /** Tells {@code listener} of every call answered from now on, as it lands: a load test waits on it, not polls. */
    public void onCall(java.util.function.Consumer<Call> listener) {
        listeners.add(listener);
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

    /** Forgets calls, canned failures, people and tokens, except the default workspace's. */
    public void reset() {
        uploads.clear();
        calls.clear();
        failures.clear();
        users.clear();
        members.clear();
        posted.clear();
        delays.clear();
        chaos = null;
        down = false;
        owners.clear();
        offered.clear();
        Workspace home = tokens.get(TOKEN);
        tokens.entrySet().removeIf(e -> !e.getValue().equals(home));
        deadTokens.clear();
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

    /** The next call of {@code method} gets this HTTP status (a 5xx from Slack's edge) and does nothing. */
    public void failNextWithStatus(String method, int status) {
        queue(method, new Failure(status, "<html>" + status + "</html>", null, inChannel(null)));
    }

    /**
     * The next call of {@code method} for {@code channel} takes effect (a message is posted) but its answer is lost:
     * Slack answers 503, as when a proxy or the network fails after Slack did the work.
     */
    public void loseAnswerOfNext(String method, String channel) {
        queue(method, new Failure(503, "{\"ok\":false,\"error\":\"service_unavailable\"}", null,
                inChannel(channel), true));
    }

    /**
     * Every call of {@code method} takes effect at once and is answered only after {@code delay}, as a slow or
     * far-away Slack: a bot killed meanwhile has posted without learning it.
     */
    public void slow(String method, Duration delay) {
        delays.put(method, delay);
    }

    /**
     * While on, each chat.postMessage fails with probability {@code rate}, in one of the ways Slack and the network
     * fail: HTTP 500, 429 with Retry-After, an answer that never comes (held for {@code hang}, then the connection
     * closes) or a reset connection. Half of the 500s, hangs and resets happen after the message was posted, as when
     * only the answer is lost. Seeded, so a failing run can be repeated.
     */
    public void chaos(double rate, Duration hang, long seed) {
        chaos = new Chaos(rate, hang, new java.util.Random(seed));
    }

    /** The faults stop. */
    public void calm() {
        chaos = null;
    }

    /** Messages that landed in {@code channel} (a DM's is D + the user id) whose text starts with {@code prefix}. */
    public long landed(String channel, String prefix) {
        return posted.stream().filter(p -> p.channel().equals(channel) && p.text().startsWith(prefix)).count();
    }

    /** While down, every call's connection is cut before any answer, as when Slack's API cannot be reached. */
    public void down(boolean down) {
        this.down = down;
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
        if (down) {
            exchange.close();
            return;
        }
        String path = exchange.getRequestURI().getPath();
        byte[] raw;
        try (InputStream in = exchange.getRequestBody()) {
            raw = in.readAllBytes();
        }
        String body = new String(raw, StandardCharsets.UTF_8);
        if (path.startsWith(UPLOAD_PATH)) {
            // Slack's file upload service: stores what arrives, answers 200 with a plain-text "OK".
            String fileId = path.substring(UPLOAD_PATH.length());
            calls.add(new Call("upload", Map.of("file_id", fileId), body, Map.of(), "OK - " + raw.length, null));
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
        Call unchecked = new Call(method, params, body, headers, null, null);
        Workspace workspace = workspaceOf(unchecked.token());
        Chaos faults = chaos;
        if (faults != null && method.equals("chat.postMessage") && chaosStrikes(faults, exchange, unchecked,
                workspace)) {
            return;
        }
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
            if (failure.applied()) {
                outcome(unchecked, workspace);
            }
            calls.add(new Call(method, params, body, headers, failure.body(), teamOf(workspace)));
            if (failure.retryAfter() != null) {
                exchange.getResponseHeaders().add("Retry-After", failure.retryAfter());
            }
            respond(exchange, failure.status(), failure.body());
            return;
        }
        String answer = outcome(unchecked, workspace);
        Call answered = new Call(method, params, body, headers, answer, teamOf(workspace));
        calls.add(answered);
        listeners.forEach(listener -> listener.accept(answered));
        Duration delay = delays.get(method);
        if (delay != null) {
            try {
                Thread.sleep(delay.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        respond(exchange, 200, answer);
    }

    /** Applies one random fault, or returns false to let the call through. */
    private boolean chaosStrikes(Chaos faults, HttpExchange exchange, Call call, Workspace workspace)
            throws IOException {
        int kind;
        boolean applied;
        synchronized (faults.random()) {
            if (faults.random().nextDouble() >= faults.rate()) {
                return false;
            }
            kind = faults.random().nextInt(4);
            applied = faults.random().nextBoolean();
        }
        if (kind != 1 && applied) {
            outcome(call, workspace);
        }
        calls.add(new Call(call.method(), call.params(), call.body(), call.headers(), "chaos " + kind,
                teamOf(workspace)));
        switch (kind) {
            case 0 -> respond(exchange, 500, "{\"ok\":false,\"error\":\"internal_error\"}");
            case 1 -> {
                exchange.getResponseHeaders().add("Retry-After", "1");
                respond(exchange, 429, "{\"ok\":false,\"error\":\"ratelimited\"}");
            }
            case 2 -> {
                try {
                    Thread.sleep(faults.hang().toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                exchange.close();
            }
            default -> exchange.close();
        }
        return true;
    }

    /** Methods that need no bot token: the OAuth exchange, Socket Mode (app-level token), response_url. */
    private static boolean tokenless(String method) {
        return method.equals("oauth.v2.access") || method.equals("apps.connections.open")
                || method.equals("response_url");
    }

    /** Slack's answer to a call it refuses: a token it does not accept, or an id of another workspace. */
    private String refusal(String method, Call call, Workspace workspace, Map<String, String> params) {
        if (tokenless(method)) {
            return null;
        }
        String token = call.token();
        if (workspace == null) {
            String error = token == null ? "not_authed" : deadTokens.getOrDefault(token, "invalid_auth");
            return "{\"ok\":false,\"error\":\"" + error + "\"}";
        }
        Long expiry = tokenExpiry.get(token);
        if (expiry != null && expiry < System.currentTimeMillis()) {
            return "{\"ok\":false,\"error\":\"token_expired\"}";
        }
        for (String param : List.of("channel", "user", "users", "user_id")) {
            String id = params.get(param);
            if (id != null && !workspace.reaches(owners.get(id))) {
                return "{\"ok\":false,\"error\":\"" + (param.equals("channel") ? "channel_not_found"
                        : "user_not_found") + "\"}";
            }
        }
        return null;
    }

    /** Slack's answer: its refusal of the call, or what the method does. */
    private String outcome(Call call, Workspace workspace) {
        String refusal = refusal(call.method(), call, workspace, call.params());
        return refusal != null ? refusal : answer(call.method(), call.params(), call.body(), workspace,
                call.headers());
    }

    private static String teamOf(Workspace workspace) {
        return workspace == null ? null : workspace.orgWide() ? workspace.enterpriseId() : workspace.teamId();
    }

    private String answer(String method, Map<String, String> params, String body, Workspace workspace,
                          Map<String, String> headers) {
        // Slack's ts is the time the message landed (in microseconds here), unique per message.
        long micros = ts.updateAndGet(last -> Math.max(last + 1, System.currentTimeMillis() * 1000));
        String nextTs = String.format("%d.%06d", micros / 1_000_000, micros % 1_000_000);
        JsonObject json = params.isEmpty() && body.startsWith("{") ? JsonParser.parseString(body).getAsJsonObject()
                : null;
        String channel = params.getOrDefault("channel", json != null && json.has("channel")
                ? json.get("channel").getAsString() : "C0000000");
        return switch (method) {
            case "auth.test" -> authTest(workspace);
            case "oauth.v2.access" -> oauthV2Access(params, headers);
            case "views.publish" -> viewsPublish(params, workspace);
            case "chat.postMessage" -> posted(dmChannel(channel), params, json, nextTs);
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
            case "conversations.history" -> history(params.get("channel"), null, params);
            case "conversations.replies" -> history(params.get("channel"), params.get("ts"), params);
            case "response_url" -> "ok";
            default -> "{\"ok\":true}";
        };
    }

    /** Keeps the message (with its metadata) for conversations.history, and answers as chat.postMessage does. */
    private String posted(String channel, Map<String, String> params, JsonObject json, String ts) {
        String thread = params.getOrDefault("thread_ts", json != null && json.has("thread_ts")
                ? json.get("thread_ts").getAsString() : null);
        String metadata = params.getOrDefault("metadata", json != null && json.has("metadata")
                ? json.get("metadata").toString() : null);
        String text = params.getOrDefault("text", "");
        posted.add(new Posted(channel, thread == null || thread.isEmpty() ? null : thread, ts, text,
                metadata == null ? null : JsonParser.parseString(metadata).getAsJsonObject()));
        return "{\"ok\":true,\"channel\":\"" + channel + "\",\"ts\":\"" + ts
                + "\",\"message\":{\"type\":\"message\",\"text\":\"\",\"ts\":\"" + ts + "\"}}";
    }

    /**
     * conversations.history (top-level messages of a channel) or conversations.replies (a thread: its parent and
     * replies), newest first, with metadata when asked for, since {@code oldest}.
     */
    private String history(String channel, String thread, Map<String, String> params) {
        double oldest = Double.parseDouble(params.getOrDefault("oldest", "0"));
        boolean withMetadata = "true".equals(params.get("include_all_metadata")) || "1".equals(
                params.get("include_all_metadata"));
        com.google.gson.JsonArray messages = new com.google.gson.JsonArray();
        List<Posted> all = new java.util.ArrayList<>(posted);
        java.util.Collections.reverse(all);
        for (Posted p : all) {
            boolean inPlace = thread == null ? p.channel().equals(channel) && p.threadTs() == null
                    : p.channel().equals(channel) && (thread.equals(p.threadTs()) || thread.equals(p.ts()));
            if (!inPlace || Double.parseDouble(p.ts()) < oldest) {
                continue;
            }
            JsonObject message = new JsonObject();
            message.addProperty("type", "message");
            message.addProperty("user", "UBOT0001");
            message.addProperty("text", p.text());
            message.addProperty("ts", p.ts());
            if (p.threadTs() != null) {
                message.addProperty("thread_ts", p.threadTs());
            }
            if (withMetadata && p.metadata() != null) {
                message.add("metadata", p.metadata());
            }
            messages.add(message);
        }
        JsonObject response = new JsonObject();
        response.addProperty("ok", true);
        response.add("messages", messages);
        response.addProperty("has_more", false);
        JsonObject meta = new JsonObject();
        meta.addProperty("next_cursor", "");
        response.add("response_metadata", meta);
        return response.toString();
    }

    private static String authTest(Workspace workspace) {
        JsonObject answer = new JsonObject();
        answer.addProperty("ok", true);
        answer.addProperty("url", "https://example.slack.com/");
        answer.addProperty("team", "Example");
        answer.addProperty("user", "opsbot");
        answer.addProperty("team_id", teamOf(workspace));
        answer.addProperty("user_id", workspace.botUserId());
        answer.addProperty("bot_id", workspace.botId());
        if (workspace.enterpriseId() != null) {
            answer.addProperty("enterprise_id", workspace.enterpriseId());
        }
        answer.addProperty("is_enterprise_install", workspace.orgWide());
        return answer.toString();
    }

    /**
     * The code exchange of Slack's OAuth v2 flow (fixture oauth.v2.access.ok*.json with this install's ids), or a
     * token refresh ({@code grant_type=refresh_token}). The client id and secret come as HTTP Basic credentials.
     */
    private String oauthV2Access(Map<String, String> params, Map<String, String> headers) {
        String expected = "Basic " + java.util.Base64.getEncoder().encodeToString((clientId + ":" + clientSecret)
                .getBytes(StandardCharsets.UTF_8));
        if (!expected.equals(headers.get("authorization"))) {
            return Fixtures.text("slack-api/oauth.v2.access.error.json");
        }
        if ("refresh_token".equals(params.get("grant_type"))) {
            String old = refreshTokens.remove(params.getOrDefault("refresh_token", ""));
            if (old == null) {
                return "{\"ok\":false,\"error\":\"invalid_refresh_token\"}";
            }
            Workspace workspace = tokens.get(old);
            String token = "xoxe.xoxb-" + issued.incrementAndGet();
            String refresh = "xoxe-1-" + issued.incrementAndGet();
            token(token, workspace);
            tokenExpiry.put(token, System.currentTimeMillis() + 43_200_000L);
            refreshTokens.put(refresh, token);
            JsonObject answer = Fixtures.json("slack-api/oauth.v2.access.ok.token-rotation.sdk-test.json");
            answer.remove("authed_user");
            answer.addProperty("access_token", token);
            answer.addProperty("refresh_token", refresh);
            answer.addProperty("expires_in", 43_200);
            return answer.toString();
        }
        Install install = offered.remove(params.getOrDefault("code", ""));
        if (install == null) {
            return "{\"ok\":false,\"error\":\"invalid_code\"}";
        }
        Workspace workspace = install.workspace();
        token(install.botToken(), workspace);
        JsonObject answer = Fixtures.json(install.isRotating()
                ? "slack-api/oauth.v2.access.ok.token-rotation.sdk-test.json" : "slack-api/oauth.v2.access.ok.json");
        answer.addProperty("access_token", install.botToken());
        answer.addProperty("bot_user_id", workspace.botUserId());
        answer.addProperty("app_id", "A0KRD7HC3");
        answer.addProperty("scope", params.getOrDefault("scope", "commands,chat:write,chat:write.public,im:write,"
                + "im:history,app_mentions:read,users:read,channels:read,groups:read"));
        answer.addProperty("is_enterprise_install", workspace.orgWide());
        if (workspace.teamId() == null) {
            answer.add("team", com.google.gson.JsonNull.INSTANCE);
        } else {
            answer.getAsJsonObject("team").addProperty("id", workspace.teamId());
        }
        if (workspace.enterpriseId() == null) {
            answer.add("enterprise", com.google.gson.JsonNull.INSTANCE);
        } else {
            JsonObject enterprise = new JsonObject();
            enterprise.addProperty("id", workspace.enterpriseId());
            enterprise.addProperty("name", "Grid org " + workspace.enterpriseId());
            answer.add("enterprise", enterprise);
        }
        JsonObject installer = answer.getAsJsonObject("authed_user");
        installer.addProperty("id", install.installerUserId());
        if (install.isRotating()) {
            String refresh = "xoxe-1-" + issued.incrementAndGet();
            refreshTokens.put(refresh, install.botToken());
            tokenExpiry.put(install.botToken(), System.currentTimeMillis() + install.expiresIn() * 1000L);
            answer.addProperty("refresh_token", refresh);
            answer.addProperty("expires_in", install.expiresIn());
        }
        return answer.toString();
    }

    private static String viewsPublish(Map<String, String> params, Workspace workspace) {
        JsonObject answer = Fixtures.json("slack-api/views.publish.ok.json");
        JsonObject view = answer.getAsJsonObject("view");
        if (params.containsKey("view")) {
            JsonObject published = JsonParser.parseString(params.get("view")).getAsJsonObject();
            view.add("blocks", published.get("blocks"));
        }
        view.addProperty("team_id", teamOf(workspace));
        return answer.toString();
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
