package io.opsbot.teams.inbound;

import io.opsbot.core.metrics.BotMetrics;
import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.bot.schema.Serialization;
import io.opsbot.teams.auth.InboundAuthenticator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RestController;

import java.io.IOException;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The Bot Framework messaging endpoint. Spring MVC hands over the raw body as a String and gets a String back: the
 * activity is read and written only by the SDK's Jackson 2 mapper, never by Spring's Jackson 3.
 *
 * <p>401 without details when authentication fails (nothing is processed or stored), 400 for a body that is not an
 * activity or an activity without a tenant, otherwise 200 once the work is done and its reply messages are stored in
 * the outbox (which posts them right after, paced), with the invoke response as body for an adaptiveCard/action invoke.
 */
@RestController
public class TeamsMessagesController {

    private static final Logger log = LoggerFactory.getLogger(TeamsMessagesController.class);
    public static final String PATH = "/api/messages";
    /** Activity types named in the ack metric; anything else counts as "other" (a tag must stay bounded). */
    private static final java.util.Set<String> KINDS = java.util.Set.of("message", "invoke", "conversationUpdate",
            "installationUpdate", "messageReaction", "messageUpdate", "messageDelete");

    private final InboundAuthenticator authenticator;
    private final ActivityDispatcher dispatcher;

    TeamsMessagesController(InboundAuthenticator authenticator, ActivityDispatcher dispatcher) {
        this.authenticator = authenticator;
        this.dispatcher = dispatcher;
    }

    @PostMapping(PATH)
    public ResponseEntity<String> messages(
            @RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization,
            @RequestBody(required = false) String body) {
        long started = System.nanoTime();
        String[] kind = {"other"};
        int status = 500;
        try {
            ResponseEntity<String> answer = answer(authorization, body, kind);
            status = answer.getStatusCode().value();
            return answer;
        } finally {
            BotMetrics.ack("teams", kind[0], status, System.nanoTime() - started);
        }
    }

    /**
     * A probe of the endpoint: the Agents Playground (and some tunnels) send HEAD before they connect. It exists;
     * nothing is read or stored (without this, each probe logged a warning with an exception).
     */
    @RequestMapping(path = PATH, method = RequestMethod.HEAD)
    public ResponseEntity<Void> probe() {
        return ResponseEntity.ok().build();
    }

    private ResponseEntity<String> answer(String authorization, String body, String[] kind) {
        if (!authenticator.acceptsRequests()
                || authenticator.requiresToken() && (authorization == null || authorization.isBlank())) {
            return ResponseEntity.status(HttpStatus.UNAUTHORIZED).build();
        }
        InboundActivity inbound = read(body);
        if (inbound == null) {
            return ResponseEntity.badRequest().build();
        }
        kind[0] = KINDS.contains(inbound.type()) ? inbound.type() : "other";
        if (!authenticator.authenticate(authorization, inbound.serviceUrl())) {
            return ResponseEntity.status(HttpStatus.UNAUTHORIZED).build();
        }
        if (!inbound.hasTenant() || inbound.serviceUrl() == null || inbound.conversationId() == null) {
            // Nothing can be stored or answered without them: the data would belong to no tenant.
            log.info("Refused a Teams activity without tenant, service URL or conversation");
            return ResponseEntity.badRequest().contentType(MediaType.APPLICATION_JSON)
                    .body("{\"error\":\"an activity needs a tenant, a serviceUrl and a conversation\"}");
        }
        InboundResult result;
        try {
            result = dispatcher.dispatch(inbound);
        } catch (RuntimeException e) {
            // The engine already turns handler failures into apologies; this is the adapter's own failure.
            String ref = HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt()).substring(0, 6);
            log.error("Failed handling a Teams {} activity (ref {})", inbound.type(), ref, e);
            return ResponseEntity.internalServerError().build();
        }
        if (result.body() == null) {
            return ResponseEntity.status(result.status()).build();
        }
        return ResponseEntity.status(result.status()).contentType(MediaType.APPLICATION_JSON).body(result.body());
    }

    private InboundActivity read(String body) {
        if (body == null || body.isBlank()) {
            return null;
        }
        try {
            JsonNode raw = Serialization.jsonToTree(body);
            return raw == null ? null : InboundActivity.parse(raw);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
