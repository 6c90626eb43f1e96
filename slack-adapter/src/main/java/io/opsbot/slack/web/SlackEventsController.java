package io.opsbot.slack.web;

import com.slack.api.bolt.App;
import com.slack.api.bolt.request.Request;
import com.slack.api.bolt.request.RequestHeaders;
import com.slack.api.bolt.response.Response;
import com.slack.api.bolt.util.SlackRequestParser;
import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Slack's HTTP entry point for commands, interactivity and events. It hands the raw body and headers to Bolt, which
 * verifies the signature (v0 HMAC-SHA256 of timestamp and body, 5-minute window) before any handler runs.
 * bolt-jakarta-servlet does the same translation, but no 1.51.0 build of it is published, so this controller stands in.
 */
@RestController
class SlackEventsController {

    private static final Logger log = LoggerFactory.getLogger(SlackEventsController.class);

    private final App app;
    private final SlackRequestParser parser;

    SlackEventsController(App app) {
        this.app = app;
        this.parser = new SlackRequestParser(app.config());
    }

    @PostMapping(path = "/slack/events")
    ResponseEntity<String> handle(@RequestBody(required = false) String body, HttpServletRequest servletRequest) {
        Request<?> request = parser.parse(SlackRequestParser.HttpRequest.builder()
                .requestUri(servletRequest.getRequestURI())
                .queryString(Map.of())
                .headers(new RequestHeaders(headers(servletRequest)))
                .requestBody(body == null ? "" : body)
                .remoteAddress(servletRequest.getRemoteAddr())
                .build());
        if (request == null) {
            return ResponseEntity.badRequest().build();
        }
        try {
            return toEntity(app.run(request));
        } catch (Exception e) {
            log.error("Slack request failed", e);
            return ResponseEntity.status(HttpStatus.INTERNAL_SERVER_ERROR).contentType(MediaType.APPLICATION_JSON)
                    .body("{\"error\":\"internal error\"}");
        }
    }

    private static Map<String, List<String>> headers(HttpServletRequest request) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (String name : Collections.list(request.getHeaderNames())) {
            headers.put(name, Collections.list(request.getHeaders(name)));
        }
        return headers;
    }

    private static ResponseEntity<String> toEntity(Response response) {
        HttpHeaders headers = new HttpHeaders();
        if (response.getHeaders() != null) {
            response.getHeaders().forEach(headers::addAll);
        }
        if (response.getContentType() != null) {
            headers.set(HttpHeaders.CONTENT_TYPE, response.getContentType());
        }
        return ResponseEntity.status(response.getStatusCode()).headers(headers).body(response.getBody());
    }
}
