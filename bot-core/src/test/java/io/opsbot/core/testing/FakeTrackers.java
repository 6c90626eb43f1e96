package io.opsbot.core.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Base64;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.regex.Pattern;

/**
 * Jira Cloud and Trello on one local port, answering with the real payload shapes under
 * {@code fixtures/trackers/} (see SOURCES.md there): Jira's {@code /rest/api/3/...} under {@code /jira}, Trello's
 * {@code /1/...} under {@code /trello}. Credentials are checked (Jira basic auth, Trello's OAuth header); a refused
 * one gets the service's own kind of error. Answers can be queued ({@link #answerNext}) to play 429s and outages, or
 * lost after the work was done ({@link #loseNextAnswer}). Issues and cards created are kept and found again by Jira's
 * JQL search and Trello's list of cards. Every call is kept, so tests can read what the bot sent.
 */
public final class FakeTrackers implements AutoCloseable {

    public static final String JIRA_EMAIL = "mia@example.com";
    public static final String JIRA_TOKEN = "jira-api-token-ok";
    public static final String TRELLO_KEY = "trellokey0123456789";
    public static final String TRELLO_TOKEN = "trello-token-ok";
    /** The issue key Atlassian's Create issue example answers with. */
    public static final String CREATED_KEY = "ED-24";

    /** One fake for a whole test JVM, for contexts that take it through {@link Initializer}. */
    public static final FakeTrackers SHARED = new FakeTrackers();
    /** The key credentials of tracker connections are sealed with in tests. */
    public static final String SECRET_KEY = Base64.getEncoder().encodeToString(
            "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII));

    /**
     * Points a test context at {@link #SHARED}: the site it plays is the only Jira site an admin may connect, and the
     * credential key is set. An initializer, so test classes sharing an annotation share one cached context.
     */
    public static final class Initializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {
        @Override
        public void initialize(ConfigurableApplicationContext context) {
            TestPropertyValues.of("opsbot.secret.key=" + SECRET_KEY,
                    "opsbot.trackers.jira-sites=" + Pattern.quote(SHARED.jiraSite()),
                    "opsbot.trackers.trello-api-url=" + SHARED.trelloApi(),
                    "opsbot.trackers.public-url=https://opsbot.example.com").applyTo(context);
        }
    }

    public record Call(String method, String path, String query, String body, Map<String, List<String>> headers) {
    }

    /** A queued answer: status, body, and a Retry-After (seconds) or null. */
    public record Answer(int status, String body, String retryAfter) {
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpServer server;
    private final List<Call> calls = new CopyOnWriteArrayList<>();
    private final Map<String, Deque<Answer>> queued = new ConcurrentHashMap<>();
    private final Map<String, Deque<Answer>> lost = new ConcurrentHashMap<>();
    /** Created issues and cards, newest first, as the request described them. */
    private final List<JsonNode> issues = new CopyOnWriteArrayList<>();
    private final List<JsonNode> cards = new CopyOnWriteArrayList<>();

    public FakeTrackers() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", this::handle);
        server.setExecutor(Executors.newFixedThreadPool(4, r -> {
            Thread t = new Thread(r, "fake-trackers");
            t.setDaemon(true);
            return t;
        }));
        server.start();
    }

    public String jiraSite() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/jira";
    }

    public String trelloApi() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/trello";
    }

    /** The next call of this method to a path starting with {@code pathPrefix} gets this answer instead. */
    public void answerNext(String method, String pathPrefix, Answer answer) {
        queued.computeIfAbsent(method + " " + pathPrefix, k -> new ArrayDeque<>()).add(answer);
    }

    /**
     * The next call of this method to a path starting with {@code pathPrefix} is carried out, but its caller gets
     * this answer instead of the real one: a timeout or a 5xx from the service's edge after the issue was made.
     */
    public void loseNextAnswer(String method, String pathPrefix, Answer answer) {
        lost.computeIfAbsent(method + " " + pathPrefix, k -> new ArrayDeque<>()).add(answer);
    }

    /** Jira issues created, as their create requests described them. */
    public List<JsonNode> createdIssues() {
        return List.copyOf(issues);
    }

    public List<Call> calls() {
        return List.copyOf(calls);
    }

    public List<Call> calls(String method, String pathPrefix) {
        return calls.stream().filter(c -> c.method().equals(method) && c.path().startsWith(pathPrefix)).toList();
    }

    public void reset() {
        calls.clear();
        queued.clear();
        lost.clear();
        issues.clear();
        cards.clear();
    }

    public static String fixture(String path) {
        try (InputStream in = FakeTrackers.class.getResourceAsStream("/fixtures/trackers/" + path)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        String method = exchange.getRequestMethod();
        String path = exchange.getRequestURI().getPath();
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        calls.add(new Call(method, path, exchange.getRequestURI().getRawQuery(), body,
                Map.copyOf(exchange.getRequestHeaders())));
        Answer answer = queuedFor(queued, method, path);
        if (answer == null) {
            answer = path.startsWith("/jira/") ? jira(exchange, method, path.substring("/jira".length()))
                    : trello(exchange, method, path.substring("/trello".length()));
            if (answer.status() / 100 == 2) {
                keepCreated(method, path, body, answer);
            }
            Answer instead = queuedFor(lost, method, path);
            answer = instead != null ? instead : answer;
        }
        byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", answer.body().startsWith("{") || answer.body()
                .startsWith("[") ? "application/json;charset=UTF-8" : "text/plain; charset=utf-8");
        if (answer.retryAfter() != null) {
            exchange.getResponseHeaders().set("Retry-After", answer.retryAfter());
        }
        exchange.sendResponseHeaders(answer.status(), bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            exchange.getResponseBody().write(bytes);
        }
        exchange.close();
    }

    private static Answer queuedFor(Map<String, Deque<Answer>> answers, String method, String path) {
        for (Map.Entry<String, Deque<Answer>> entry : answers.entrySet()) {
            String[] key = entry.getKey().split(" ", 2);
            if (key[0].equals(method) && path.startsWith(key[1])) {
                Answer next = entry.getValue().poll();
                if (next != null) {
                    return next;
                }
            }
        }
        return null;
    }

    /** A created issue or card, kept as the search and list answers show it. */
    private void keepCreated(String method, String path, String body, Answer answer) {
        if (!method.equals("POST")) {
            return;
        }
        if (path.equals("/jira/rest/api/3/issue")) {
            JsonNode request = JSON.readTree(body).path("fields");
            JsonNode created = JSON.readTree(answer.body());
            ObjectNode issue = JSON.createObjectNode().put("id", created.path("id").asString())
                    .put("key", created.path("key").asString());
            ObjectNode fields = issue.putObject("fields").put("summary", request.path("summary").asString());
            fields.putObject("status").putObject("statusCategory").put("key", "new");
            fields.set("description", request.path("description"));
            issues.add(0, issue);
        } else if (path.equals("/trello/1/cards")) {
            JsonNode request = JSON.readTree(body);
            JsonNode created = JSON.readTree(answer.body());
            cards.add(0, JSON.createObjectNode().put("id", created.path("id").asString())
                    .put("name", request.path("name").asString()).put("desc", request.path("desc").asString())
                    .put("idList", request.path("idList").asString())
                    .put("idBoard", created.path("idBoard").asString())
                    .put("shortUrl", created.path("shortUrl").asString()));
        }
    }

    private Answer jira(HttpExchange exchange, String method, String path) {
        String expected = "Basic " + Base64.getEncoder().encodeToString((JIRA_EMAIL + ":" + JIRA_TOKEN)
                .getBytes(StandardCharsets.UTF_8));
        if (!expected.equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
            return new Answer(401, "{\"errorMessages\":[\"Client must be authenticated to access this resource.\"],"
                    + "\"errors\":{}}", null);
        }
        if (method.equals("GET") && path.equals("/rest/api/3/myself")) {
            return ok(fixture("jira/myself.200.constructed.json"));
        }
        if (method.equals("GET") && path.equals("/rest/api/3/project/search")) {
            return ok(fixture("jira/project-search.200.constructed.json"));
        }
        if (method.equals("POST") && path.equals("/rest/api/3/issue")) {
            return new Answer(201, fixture("jira/create-issue.201.json"), null);
        }
        if (method.equals("GET") && path.equals("/rest/api/3/search/jql")) {
            // The bot asks for its own recent issues; every issue here was made by the one account the fake knows.
            ObjectNode page = JSON.createObjectNode().put("isLast", true);
            page.putArray("issues").addAll(issues);
            return ok(page.toString());
        }
        if (method.equals("GET") && path.equals("/rest/api/3/issue/ED-1")) {
            return ok(fixture("jira/get-issue.200.json"));
        }
        if (method.equals("GET") && path.startsWith("/rest/api/3/issue/")) {
            return new Answer(404, "{\"errorMessages\":[\"Issue does not exist or you do not have permission to see "
                    + "it.\"],\"errors\":{}}", null);
        }
        return new Answer(404, "{\"errorMessages\":[\"null for uri: " + path + "\"],\"errors\":{}}", null);
    }

    private Answer trello(HttpExchange exchange, String method, String path) {
        String expected = "OAuth oauth_consumer_key=\"" + TRELLO_KEY + "\", oauth_token=\"" + TRELLO_TOKEN + "\"";
        String given = exchange.getRequestHeaders().getFirst("Authorization");
        if (given == null || !given.startsWith("OAuth oauth_consumer_key=\"" + TRELLO_KEY + "\"")) {
            return new Answer(401, "invalid key", null);
        }
        if (!expected.equals(given)) {
            return new Answer(401, "invalid token", null);
        }
        if (method.equals("GET") && path.equals("/1/members/me")) {
            return ok(fixture("trello/member-me.200.constructed.json"));
        }
        if (method.equals("GET") && path.equals("/1/members/me/boards")) {
            return ok(fixture("trello/boards.200.constructed.json"));
        }
        if (method.equals("GET") && path.matches("/1/boards/[^/]+/lists")) {
            return ok(fixture("trello/lists.200.constructed.json"));
        }
        if (method.equals("GET") && path.matches("/1/lists/[^/]+/cards")) {
            String list = path.split("/")[3];
            ArrayNode onList = JSON.createArrayNode();
            cards.stream().filter(c -> c.path("idList").asString().equals(list)).forEach(onList::add);
            return ok(onList.toString());
        }
        if (method.equals("POST") && path.equals("/1/cards")) {
            return ok(fixture("trello/card.200.constructed.json"));
        }
        if (method.equals("GET") && path.startsWith("/1/cards/")) {
            return path.endsWith("/aI4od6Yd") || path.endsWith("/550df104f244348fb46ce2b5")
                    ? ok(fixture("trello/card.200.constructed.json")) : new Answer(404, "The requested resource was "
                    + "not found.", null);
        }
        if (method.equals("POST") && path.equals("/1/webhooks")) {
            return ok(fixture("trello/webhook.200.constructed.json"));
        }
        return new Answer(404, "Cannot " + method + " " + path, null);
    }

    private static Answer ok(String body) {
        return new Answer(200, body, null);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
