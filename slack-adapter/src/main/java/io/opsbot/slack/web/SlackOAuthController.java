package io.opsbot.slack.web;

import com.slack.api.bolt.App;
import com.slack.api.bolt.request.Request;
import com.slack.api.bolt.util.SlackRequestParser;
import io.opsbot.slack.config.SlackOAuthCondition;
import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Conditional;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Slack's OAuth v2 install flow, run by Bolt: the install page ({@code /slack/install}: a fresh single-use state in
 * a cookie and in MongoDB, and the "Add to Slack" link) and the redirect back from Slack ({@code /slack/oauth_redirect}:
 * the state checked against the cookie and used up, the code exchanged with oauth.v2.access, the installation
 * stored). Only with OAuth configured.
 */
@RestController
@Conditional(SlackOAuthCondition.class)
class SlackOAuthController {

    private static final Logger log = LoggerFactory.getLogger(SlackOAuthController.class);
    /** Not cached, no referrer carrying the code onwards, not framed, no script. */
    private static final Map<String, String> PAGE_HEADERS = Map.of("Cache-Control", "no-store",
            "Referrer-Policy", "no-referrer", "X-Frame-Options", "DENY",
            "Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'");

    private final App app;
    private final SlackRequestParser parser;

    SlackOAuthController(App app) {
        this.app = app;
        this.parser = new SlackRequestParser(app.config());
    }

    @GetMapping("${opsbot.slack.oauth.install-path:/slack/install}")
    ResponseEntity<String> install(HttpServletRequest request) {
        return run(app.config().getOauthInstallRequestURI(), request);
    }

    @GetMapping("${opsbot.slack.oauth.redirect-path:/slack/oauth_redirect}")
    ResponseEntity<String> redirect(HttpServletRequest request) {
        return run(app.config().getOauthRedirectUriRequestURI(), request);
    }

    private ResponseEntity<String> run(String boltPath, HttpServletRequest servletRequest) {
        Map<String, List<String>> query = new LinkedHashMap<>();
        servletRequest.getParameterMap().forEach((name, values) -> query.put(name, Arrays.asList(values)));
        Request<?> request = parser.parse(SlackRequestParser.HttpRequest.builder()
                .requestUri(boltPath)
                .queryString(query)
                .headers(BoltHttp.headers(servletRequest))
                .requestBody("")
                .remoteAddress(servletRequest.getRemoteAddr())
                .build());
        if (request == null) {
            return ResponseEntity.status(HttpStatus.NOT_FOUND).contentType(MediaType.TEXT_PLAIN).body("not found");
        }
        try {
            ResponseEntity<String> response = BoltHttp.toEntity(app.run(request));
            return ResponseEntity.status(response.getStatusCode()).headers(h -> {
                h.addAll(response.getHeaders());
                PAGE_HEADERS.forEach(h::set);
            }).body(response.getBody());
        } catch (Exception e) {
            log.error("Slack OAuth request failed: {}", e.toString());
            return ResponseEntity.status(HttpStatus.INTERNAL_SERVER_ERROR).contentType(MediaType.TEXT_PLAIN)
                    .body("Something went wrong. Please try again.");
        }
    }
}
