package io.opsbot.core.feedback;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * One JSON call to Jira or Trello through Spring's RestClient: the answer as a tree, or a {@link TrackerException}
 * with the service's own error message and what a 429 asked us to wait. Never logs a request (they carry credentials).
 */
@Component
class TrackerHttp {

    private static final int MESSAGE_LIMIT = 300;

    private final RestClient http;
    private final JsonMapper json = JsonMapper.builder().build();

    TrackerHttp(TrackerProperties properties) {
        HttpClient client = HttpClient.newBuilder().connectTimeout(properties.timeout())
                .followRedirects(HttpClient.Redirect.NEVER).build();
        JdkClientHttpRequestFactory factory = new JdkClientHttpRequestFactory(client);
        factory.setReadTimeout(properties.timeout());
        this.http = RestClient.builder().requestFactory(factory).build();
    }

    JsonMapper json() {
        return json;
    }

    ObjectNode object() {
        return json.createObjectNode();
    }

    JsonNode get(URI uri, Consumer<HttpHeaders> auth) {
        return call(HttpMethod.GET, uri, auth, null);
    }

    JsonNode post(URI uri, Consumer<HttpHeaders> auth, JsonNode body) {
        return call(HttpMethod.POST, uri, auth, body);
    }

    private JsonNode call(HttpMethod method, URI uri, Consumer<HttpHeaders> auth, JsonNode body) {
        try {
            RestClient.RequestBodySpec request = http.method(method).uri(uri).headers(auth)
                    .accept(MediaType.APPLICATION_JSON);
            if (body != null) {
                request.contentType(MediaType.APPLICATION_JSON).body(json.writeValueAsString(body));
            }
            return request.exchange((req, response) -> {
                int status = response.getStatusCode().value();
                String text = new String(response.getBody().readAllBytes(), StandardCharsets.UTF_8);
                if (status >= 200 && status < 300) {
                    return text.isBlank() ? json.createObjectNode() : json.readTree(text);
                }
                throw new TrackerException(status, message(status, text),
                        retryAfter(response.getHeaders().getFirst(HttpHeaders.RETRY_AFTER)));
            });
        } catch (ResourceAccessException e) {
            throw new TrackerException(0, "could not be reached (" + rootMessage(e) + ")", null);
        } catch (JacksonException e) {
            throw new TrackerException(502, "answered with something that is not JSON", null);
        }
    }

    /** Jira's ErrorCollection (errorMessages and errors), Trello's {message} or plain text, shortened. */
    private String message(int status, String body) {
        List<String> parts = new ArrayList<>();
        try {
            JsonNode tree = json.readTree(body);
            tree.path("errorMessages").forEach(m -> parts.add(m.asString()));
            tree.path("errors").properties().forEach(e -> parts.add(e.getKey() + ": " + e.getValue().asString()));
            if (tree.hasNonNull("message")) {
                parts.add(tree.get("message").asString());
            }
        } catch (JacksonException e) {
            // Not JSON: Trello answers "invalid token" as plain text.
            if (!body.isBlank() && !body.stripLeading().startsWith("<")) {
                parts.add(body.strip());
            }
        }
        String text = parts.isEmpty() ? "HTTP " + status : String.join("; ", parts);
        return text.length() > MESSAGE_LIMIT ? text.substring(0, MESSAGE_LIMIT) + "…" : text;
    }

    /** Retry-After in seconds (both services send seconds); an HTTP date or garbage counts as not said. */
    static Duration retryAfter(String header) {
        if (header == null) {
            return null;
        }
        try {
            long seconds = Long.parseLong(header.strip());
            return seconds < 0 ? null : Duration.ofSeconds(seconds);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName();
    }
}
