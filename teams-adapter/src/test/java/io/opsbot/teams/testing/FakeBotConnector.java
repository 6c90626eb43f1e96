package io.opsbot.teams.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A local stand-in for Microsoft's side of a Teams bot, on 127.0.0.1 with a free port:
 * <ul>
 *   <li>the Bot Connector REST API at {@link #serviceUrl()}: send, update and create conversation, answering the way
 *       the real connector does ({@code ResourceResponse} / {@code ConversationResourceResponse}), or failing on
 *       demand (429 with Retry-After, 403, 500); and the members of a team or chat, all of them or one
 *       ({@code GET /v3/conversations/{id}/members[/{member}]}), as set with {@link #roster}.</li>
 * </ul>
 * Every request is recorded. Tokens, both ways, are {@link FakeEntra}'s business. Shipped in the test-jar so bot-app
 * tests can use it too. Uses only the JDK and Jackson 2 (on the classpath through the Bot Framework SDK).
 */
public final class FakeBotConnector implements AutoCloseable {

    /**
     * One HTTP request as received: method, decoded path, headers (lower-case names), the body as text and, when it
     * is JSON, parsed (else null); and, for connector calls, the body the fake answered with.
     */
    public record Recorded(String method, String path, Map<String, String> headers, String text, JsonNode body,
                           AtomicReference<String> answer) {

        /** The id the fake gave what this call created (an activity, a conversation), or null. */
        public String responseId() {
            String json = answer.get();
            try {
                return json == null ? null : JSON.readTree(json).path("id").asText(null);
            } catch (IOException e) {
                return null;
            }
        }

        public String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }

        /** The conversation id of a {@code /v3/conversations/{id}/...} call, or null. */
        public String conversationId() {
            Matcher m = CONVERSATION_PATH.matcher(path);
            return m.find() ? m.group(1) : null;
        }
    }

    /** A canned failure for the next connector call. */
    public record Failure(int status, Map<String, String> headers, String body) {
    }

    private static final Pattern CONVERSATION_PATH = Pattern.compile("/v3/conversations/([^/]+)");
    private static final Pattern MEMBER_PATH = Pattern.compile("/v3/conversations/([^/]+)/members/([^/]+)$");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final List<Recorded> requests = new CopyOnWriteArrayList<>();
    private final Queue<Failure> failures = new ArrayDeque<>();
    private volatile Chaos chaos;
    /** While set, posts of activities wait for it (a slow connector); see {@link #holdPosts()}. */
    private volatile java.util.concurrent.CountDownLatch held;
    private final AtomicLong ids = new AtomicLong(1_700_000_000_000L);
    private final Map<String, String> rosters = new ConcurrentHashMap<>();
    private final Map<String, Failure> rosterFailures = new ConcurrentHashMap<>();
    /** People added with {@link #addMember}, listed after the {@link #roster} of their conversation; cleared by clear. */
    private final Map<String, List<ObjectNode>> addedMembers = new ConcurrentHashMap<>();

    static {
        // See FakeSlackApi: without TCP_NODELAY every request waits for a delayed ACK.
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    private FakeBotConnector() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::handle);
        server.setExecutor(Executors.newFixedThreadPool(8, r -> {
            Thread t = new Thread(r, "fake-bot-connector");
            t.setDaemon(true);
            return t;
        }));
        server.start();
    }

    public static FakeBotConnector start() {
        try {
            return new FakeBotConnector();
        } catch (IOException e) {
            throw new IllegalStateException("could not start the fake Bot Connector", e);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** A service URL shaped like Teams' regional ones ({@code https://smba.trafficmanager.net/amer/}). */
    public String serviceUrl() {
        return baseUrl() + "/amer/";
    }

    // ---- what was received ------------------------------------------------------------------------------------

    public List<Recorded> requests() {
        return List.copyOf(requests);
    }

    /** Calls to the connector API ({@code /v3/...}). */
    public List<Recorded> connectorCalls() {
        return requests.stream().filter(r -> r.path().contains("/v3/")).collect(Collectors.toList());
    }

    /** Activities posted to conversations (new messages), in order. */
    public List<Recorded> sentActivities() {
        return requests.stream().filter(r -> r.method().equals("POST") && r.path().endsWith("/activities"))
                .collect(Collectors.toList());
    }

    /** Activities replaced in place ({@code PUT .../activities/{id}}). */
    public List<Recorded> updatedActivities() {
        return requests.stream().filter(r -> r.method().equals("PUT") && r.path().contains("/activities/"))
                .collect(Collectors.toList());
    }

    public List<Recorded> createdConversations() {
        return requests.stream().filter(r -> r.method().equals("POST") && r.path().endsWith("/v3/conversations"))
                .collect(Collectors.toList());
    }

    /** Roster reads ({@code GET /v3/conversations/{id}/members}), not single-member look-ups. */
    public List<Recorded> rosterReads() {
        return requests.stream().filter(r -> r.method().equals("GET") && r.path().endsWith("/members"))
                .collect(Collectors.toList());
    }

    /** A person the connector lists as a member of a conversation or team (aadObjectId may be null). */
    public void addMember(String conversationId, String id, String aadObjectId, String name) {
        ObjectNode member = JSON.createObjectNode();
        member.put("id", id);
        member.put("name", name);
        if (aadObjectId != null) {
            member.put("aadObjectId", aadObjectId);
        }
        addedMembers.computeIfAbsent(conversationId, c -> new CopyOnWriteArrayList<>()).add(member);
    }

    /** Calls that asked for members ({@code GET .../members[/id]}). */
    public List<Recorded> memberLookups() {
        return requests.stream().filter(r -> r.method().equals("GET") && r.path().contains("/members"))
                .collect(Collectors.toList());
    }

    public void clear() {
        releasePosts();
        chaos = null;
        addedMembers.clear();
        requests.clear();
        synchronized (failures) {
            failures.clear();
        }
    }

    // ---- behaviour ----------------------------------------------------------------------------------------------

    /** The next connector call (send, update, create) fails with this status, headers and body; queued. */
    public void failNext(int status, Map<String, String> headers, String body) {
        synchronized (failures) {
            failures.add(new Failure(status, headers, body));
        }
    }

    public void failNextWithRateLimit(int retryAfterSeconds) {
        failNext(429, Map.of("Retry-After", String.valueOf(retryAfterSeconds)),
                "{\"error\":{\"code\":\"TooManyRequests\",\"message\":\"Too many requests\"}}");
    }

    /** What Teams answers when the bot was removed from the conversation or the app uninstalled. */
    public void failNextWithForbidden() {
        failNext(403, Map.of(), "{\"error\":{\"code\":\"BotNotInConversationRoster\",\"message\":\"The bot is "
                + "not part of the conversation roster.\"}}");
    }

    public void failNextWithServerError() {
        failNext(500, Map.of(), "{\"error\":{\"code\":\"ServiceError\",\"message\":\"Internal error\"}}");
    }

    /**
     * While on, each POST to the connector (send, create conversation) fails with probability {@code rate}: HTTP 500,
     * 429 with Retry-After, an answer that never comes (held for {@code hang}, then the connection closes) or a reset
     * connection, in each case before the connector did anything. (A lost answer after Teams posted cannot be told
     * apart by the bot: the Bot Connector offers no way to look a message up.) Seeded, so a run can be repeated.
     */
    public void chaos(double rate, java.time.Duration hang, long seed) {
        chaos = new Chaos(rate, hang, new java.util.Random(seed));
    }

    /** Posts of activities are held (recorded, not answered) until {@link #releasePosts()}: a slow connector. */
    public void holdPosts() {
        held = new java.util.concurrent.CountDownLatch(1);
    }

    public void releasePosts() {
        java.util.concurrent.CountDownLatch hold = held;
        held = null;
        if (hold != null) {
            hold.countDown();
        }
    }

    /** The faults stop. */
    public void calm() {
        chaos = null;
    }

    private record Chaos(double rate, java.time.Duration hang, java.util.Random random) {
    }

    /**
     * What {@code GET /v3/conversations/{conversationId}/members} answers from now on: a JSON array of
     * TeamsChannelAccount objects (see {@link #docsRoster}). Ids without a roster answer 404. Kept across
     * {@link #clear()}, which tests call mid-way to forget recorded requests.
     */
    public void roster(String conversationId, String membersJson) {
        rosters.put(conversationId, membersJson);
        rosterFailures.remove(conversationId);
    }

    /** Every roster read and member look-up of this team or chat fails with this status (403: bot removed). */
    public void failRoster(String conversationId, int status) {
        rosterFailures.put(conversationId, new Failure(status, Map.of(), status == 403
                ? "{\"error\":{\"code\":\"BotNotInConversationRoster\",\"message\":\"The bot is not part of the "
                        + "conversation roster.\"}}"
                : "{\"error\":{\"code\":\"ServiceError\",\"message\":\"Internal error\"}}"));
    }

    /**
     * A team roster as Microsoft documents the members endpoint's answer ("Teams bot API changes to fetch team or
     * chat members", msteams-docs resources/team-chat-member-api-changes.md; also bots/how-to/get-teams-context.md):
     * an anonymous guest and two users whose Entra object id comes as {@code objectId}, with the {@code name} real
     * answers also carry. A third user comes in the other shape Teams uses, with {@code aadObjectId} (which of the two
     * arrives depends on the endpoint, see botbuilder-dotnet#3856): Megan Bowen of the {@code message.personal.json}
     * fixture. The docs' tenant id is replaced by the test's.
     */
    public static String docsRoster(String tenantId) {
        return """
                [{
                    "id": "29:1GcS4EyB_oSI8A88XmWBN7NJFyMqe3QGnJdgLfFGkJnVelzRGos0bPbpsfJjcbAD22bmKc4GMbrY2g4JDrrA8vM06X1-cHHle4zOE6U4ttcc",
                    "name": "Anon1 (Guest)",
                    "tenantId": "72f988bf-86f1-41af-91ab-2d7cd011db47",
                    "userRole": "anonymous"
                }, {
                    "id": "29:1bSnHZ7Js2STWrgk6ScEErLk1Lp2zQuD5H2qQ960rtvstKp8tKLl-3r8b6DoW0QxZimuTxk_kupZ1DBMpvIQQUAZL-PNj0EORDvRZXy8kvWk",
                    "name": "John Patterson",
                    "objectId": "76b0b09f-d410-48fd-993e-84da521a597b",
                    "givenName": "John",
                    "surname": "Patterson",
                    "email": "johnp@fabrikam.com",
                    "userPrincipalName": "johnp@fabrikam.com",
                    "tenantId": "72f988bf-86f1-41af-91ab-2d7cd011db47",
                    "userRole": "user"
                }, {
                    "id": "29:1URzNQM1x1PNMr1D7L5_lFe6qF6gEfAbkdG8_BUxOW2mTKryQqEZtBTqDt10-MghkzjYDuUj4KG6nvg5lFAyjOLiGJ4jzhb99WrnI7XKriCs",
                    "name": "Rick Stevens",
                    "objectId": "6b7b3b2a-2c4b-4175-8582-41c9e685c1b5",
                    "givenName": "Rick",
                    "surname": "Stevens",
                    "email": "Rick.Stevens@fabrikam.com",
                    "userPrincipalName": "rstevens@fabrikam.com",
                    "tenantId": "72f988bf-86f1-41af-91ab-2d7cd011db47",
                    "userRole": "user"
                }, {
                    "id": "29:1XJKJMvc5GBtc2JwZq0oj8tHZmzrQgFmB39ATiQWA85gQtHieVkKilBZ9XHoq9j7Zaqt7CZ-NJWi7me2kHTL3Bw",
                    "name": "Megan Bowen",
                    "aadObjectId": "7faf8ab2-3d56-4244-b585-20c8a42ed2b8",
                    "givenName": "Megan",
                    "surname": "Bowen",
                    "email": "MeganB@fabrikam.com",
                    "userPrincipalName": "meganb@fabrikam.com",
                    "tenantId": "72f988bf-86f1-41af-91ab-2d7cd011db47",
                    "userRole": "user"
                }]""".replace("72f988bf-86f1-41af-91ab-2d7cd011db47", tenantId);
    }

    // ---- HTTP ---------------------------------------------------------------------------------------------------

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String method = exchange.getRequestMethod();
            String rawPath = exchange.getRequestURI().getRawPath();
            String path = URLDecoder.decode(rawPath.replace("+", "%2B"), StandardCharsets.UTF_8);
            Map<String, String> headers = new LinkedHashMap<>();
            exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), String.join(",", v)));
            byte[] bytes;
            try (InputStream in = exchange.getRequestBody()) {
                bytes = in.readAllBytes();
            }
            String text = new String(bytes, StandardCharsets.UTF_8);
            JsonNode body = null;
            if (!text.isBlank() && headers.getOrDefault("content-type", "").contains("json")) {
                body = JSON.readTree(text);
            }
            Recorded recorded = new Recorded(method, path, Map.copyOf(headers), text, body, new AtomicReference<>());
            requests.add(recorded);

            if (path.contains("/v3/conversations")) {
                if (method.equals("POST") && chaosStrikes(exchange, recorded)) {
                    return;
                }
                Failure failure;
                synchronized (failures) {
                    failure = failures.poll();
                }
                if (failure != null) {
                    answer(exchange, recorded, failure.status(), failure.headers(), failure.body());
                } else {
                    connector(exchange, method, path, recorded);
                }
            } else {
                respond(exchange, 404, Map.of(), "{}");
            }
        } catch (RuntimeException e) {
            respond(exchange, 500, Map.of(), "{\"error\":{\"code\":\"FakeFailure\",\"message\":\"" + e + "\"}}");
        }
    }

    /** Applies one random fault, or returns false to let the call through. */
    private boolean chaosStrikes(HttpExchange exchange, Recorded recorded) throws IOException {
        Chaos faults = chaos;
        if (faults == null) {
            return false;
        }
        int kind;
        synchronized (faults.random()) {
            if (faults.random().nextDouble() >= faults.rate()) {
                return false;
            }
            kind = faults.random().nextInt(4);
        }
        recorded.answer().set("chaos " + kind);
        switch (kind) {
            case 0 -> respond(exchange, 500, Map.of(), "{\"error\":{\"code\":\"ServiceError\",\"message\":\"x\"}}");
            case 1 -> respond(exchange, 429, Map.of("Retry-After", "1"),
                    "{\"error\":{\"code\":\"TooManyRequests\",\"message\":\"Too many requests\"}}");
            case 2 -> {
                try {
                    Thread.sleep(faults.hang().toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            default -> {
                // the connection closes without an answer
            }
        }
        return true;
    }

    private void connector(HttpExchange exchange, String method, String path, Recorded recorded) throws IOException {
        if (method.equals("POST") && path.endsWith("/v3/conversations")) {
            String id = "a:fake-personal-" + ids.incrementAndGet();
            // The service URL the call came to, as Teams answers with the regional URL the bot already uses.
            String calledAt = baseUrl() + path.substring(0, path.length() - "v3/conversations".length());
            answer(exchange, recorded, 201, Map.of(), "{\"id\":\"" + id + "\",\"activityId\":\""
                    + ids.incrementAndGet() + "\",\"serviceUrl\":\"" + calledAt + "\"}");
        } else if (method.equals("POST") && path.endsWith("/activities")) {
            java.util.concurrent.CountDownLatch hold = held;
            if (hold != null) {
                try {
                    hold.await(30, java.util.concurrent.TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            answer(exchange, recorded, 201, Map.of(), "{\"id\":\"" + ids.incrementAndGet() + "\"}");
        } else if (method.equals("PUT") && path.contains("/activities/")) {
            String id = path.substring(path.lastIndexOf('/') + 1);
            answer(exchange, recorded, 200, Map.of(), "{\"id\":\"" + id + "\"}");
        } else if (method.equals("GET") && MEMBER_PATH.matcher(path).find()) {
            Matcher m = MEMBER_PATH.matcher(path);
            m.find();
            Failure failure = rosterFailures.get(m.group(1));
            JsonNode member = member(rosterOf(m.group(1)), m.group(2));
            if (failure != null) {
                answer(exchange, recorded, failure.status(), failure.headers(), failure.body());
            } else if (member != null) {
                answer(exchange, recorded, 200, Map.of(), member.toString());
            } else {
                answer(exchange, recorded, 404, Map.of(), "{\"error\":{\"code\":\"MemberNotFoundInConversation\","
                        + "\"message\":\"The member is not part of the conversation.\"}}");
            }
        } else if (method.equals("GET") && path.endsWith("/members")) {
            Matcher m = CONVERSATION_PATH.matcher(path);
            String conversation = m.find() ? m.group(1) : "";
            Failure failure = rosterFailures.get(conversation);
            String roster = rosterOf(conversation);
            if (failure != null) {
                answer(exchange, recorded, failure.status(), failure.headers(), failure.body());
            } else if (roster != null) {
                answer(exchange, recorded, 200, Map.of(), roster);
            } else {
                answer(exchange, recorded, 404, Map.of(), "{\"error\":{\"code\":\"ConversationNotFound\",\"message\":"
                        + "\"Conversation not found.\"}}");
            }
        } else {
            answer(exchange, recorded, 404, Map.of(), "{\"error\":{\"code\":\"NotFound\",\"message\":\"not faked\"}}");
        }
    }

    /** The documented roster of a conversation plus the people added with {@link #addMember}; null if neither. */
    private String rosterOf(String conversation) throws IOException {
        String roster = rosters.get(conversation);
        List<ObjectNode> added = addedMembers.getOrDefault(conversation, List.of());
        if (added.isEmpty()) {
            return roster;
        }
        ArrayNode all = roster == null ? JSON.createArrayNode() : (ArrayNode) JSON.readTree(roster);
        added.forEach(all::add);
        return all.toString();
    }

    /** The roster entry with this Teams user id, Entra object id or UPN, as the single-member endpoint finds it. */
    private static JsonNode member(String roster, String id) throws IOException {
        if (roster == null) {
            return null;
        }
        for (JsonNode member : JSON.readTree(roster)) {
            for (String field : List.of("id", "aadObjectId", "objectId", "userPrincipalName")) {
                if (id.equalsIgnoreCase(member.path(field).asText())) {
                    return member;
                }
            }
        }
        return null;
    }

    private static void answer(HttpExchange exchange, Recorded recorded, int status, Map<String, String> headers,
                               String body) throws IOException {
        recorded.answer().set(body);
        respond(exchange, status, headers, body);
    }

    private static void respond(HttpExchange exchange, int status, Map<String, String> headers, String body)
            throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
        headers.forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }
}
