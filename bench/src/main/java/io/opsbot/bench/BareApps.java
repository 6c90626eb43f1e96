package io.opsbot.bench;

import com.google.gson.JsonElement;
import com.google.gson.JsonParser;
import com.slack.api.Slack;
import com.slack.api.SlackConfig;
import com.slack.api.bolt.App;
import com.slack.api.bolt.AppConfig;
import com.slack.api.bolt.request.Request;
import com.slack.api.bolt.response.Response;
import com.slack.api.bolt.util.SlackRequestParser;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * The floor the bot is compared with: the same web server (Spring MVC on Tomcat, Boot's defaults), with a bare Bolt app
 * at {@code /slack/events} that verifies the signature and only acknowledges, and a bare Teams endpoint at
 * {@code /api/messages} that only parses the activity and answers 200. Given {@code --bench.mongo-uri}, also the
 * {@link StoringFloor}. Run as a child process by {@link AckBenchmark}:
 * <pre>java -Dloader.main=io.opsbot.bench.BareApps -jar bench.jar --server.port=N --bench.signing-secret=S
 *      --bench.slack-api=URL [--bench.mongo-uri=URI]</pre>
 */
@SpringBootConfiguration
@EnableAutoConfiguration
public class BareApps {

    public static void main(String[] args) {
        new SpringApplicationBuilder(BareApps.class, Endpoints.class, StoringFloor.class)
                .properties("spring.main.banner-mode=off", "logging.level.root=warn",
                        "spring.quartz.auto-startup=false")
                .run(args);
    }

    /**
     * A Bolt app for the bench's workspace: it verifies each request's signature against {@code bench.signing-secret};
     * the caller adds its handlers.
     */
    static App bolt(org.springframework.core.env.Environment env) {
        SlackConfig config = new SlackConfig();
        config.setMethodsEndpointUrlPrefix(env.getRequiredProperty("bench.slack-api"));
        return new App(AppConfig.builder().slack(Slack.getInstance(config))
                .signingSecret(env.getRequiredProperty("bench.signing-secret"))
                .singleTeamBotToken(env.getProperty("bench.bot-token", "xoxb-bench"))
                .build());
    }

    /** Runs a Bolt app on a servlet request, as Bolt's own servlet adapter does, inside a Spring MVC endpoint. */
    static final class BoltOverServlet {

        private final App bolt;
        private final SlackRequestParser parser;

        BoltOverServlet(App bolt) {
            this.bolt = bolt;
            this.parser = new SlackRequestParser(bolt.config());
        }

        ResponseEntity<String> run(HttpServletRequest servlet) throws Exception {
            String body = new String(servlet.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            Map<String, List<String>> headers = new java.util.HashMap<>();
            for (String name : Collections.list(servlet.getHeaderNames())) {
                headers.put(name.toLowerCase(java.util.Locale.ROOT), new ArrayList<>(Collections.list(
                        servlet.getHeaders(name))));
            }
            Request<?> request = parser.parse(SlackRequestParser.HttpRequest.builder()
                    .requestUri(servlet.getRequestURI()).queryString(Map.of()).headers(
                            new com.slack.api.bolt.request.RequestHeaders(headers))
                    .requestBody(body).remoteAddress(servlet.getRemoteAddr()).build());
            Response response = bolt.run(request);
            return ResponseEntity.status(response.getStatusCode())
                    .contentType(MediaType.APPLICATION_JSON)
                    .body(response.getBody() == null ? "" : response.getBody());
        }
    }

    @RestController
    static class Endpoints {

        private final BoltOverServlet bolt;

        Endpoints(org.springframework.core.env.Environment env) {
            App app = bolt(env);
            app.command("/feedback", (request, context) -> context.ack());
            bolt = new BoltOverServlet(app);
        }

        @PostMapping("/slack/events")
        ResponseEntity<String> slack(HttpServletRequest servlet) throws Exception {
            return bolt.run(servlet);
        }

        @org.springframework.web.bind.annotation.GetMapping("/ready")
        String ready() {
            return "ready";
        }

        @PostMapping("/api/messages")
        ResponseEntity<Void> teams(@RequestBody String body) throws IOException {
            JsonElement activity = JsonParser.parseString(body);
            if (!activity.isJsonObject() || !activity.getAsJsonObject().has("type")) {
                return ResponseEntity.status(HttpStatus.BAD_REQUEST).build();
            }
            return ResponseEntity.ok().build();
        }
    }
}
