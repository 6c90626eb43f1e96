package io.opsbot.core.feedback;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RestController;

/**
 * The webhook URLs of Jira and Trello connections, {@code /webhooks/jira/<connection>} and
 * {@code /webhooks/trello/<connection>}: a platform-neutral endpoint (neither Slack nor Teams), registered wherever the
 * application serves HTTP. A delivery without a valid signature gets 401 and changes nothing.
 */
@RestController
@RequestMapping(TrackerConnections.WEBHOOK_PATH)
public class TrackerWebhookController {

    private final TrackerWebhooks webhooks;

    public TrackerWebhookController(TrackerWebhooks webhooks) {
        this.webhooks = webhooks;
    }

    @RequestMapping(path = "jira/{connection}", method = RequestMethod.POST)
    public ResponseEntity<Void> jira(@PathVariable("connection") String connection,
                                     @RequestHeader(name = "X-Hub-Signature", required = false) String signature,
                                     @RequestBody(required = false) byte[] body) {
        return answer(webhooks.jira(connection, body == null ? new byte[0] : body, signature));
    }

    @RequestMapping(path = "trello/{connection}", method = RequestMethod.POST)
    public ResponseEntity<Void> trello(@PathVariable("connection") String connection,
                                       @RequestHeader(name = "X-Trello-Webhook", required = false) String signature,
                                       @RequestBody(required = false) byte[] body) {
        return answer(webhooks.trello(connection, body == null ? new byte[0] : body, signature));
    }

    /** Trello's check, before it creates a webhook, that the callback URL answers. */
    @RequestMapping(path = "trello/{connection}", method = RequestMethod.HEAD)
    public ResponseEntity<Void> trelloCheck(@PathVariable("connection") String connection) {
        return webhooks.exists(connection, TrackerKind.TRELLO) ? ResponseEntity.ok().build()
                : ResponseEntity.notFound().build();
    }

    private static ResponseEntity<Void> answer(TrackerWebhooks.Verdict verdict) {
        return switch (verdict) {
            case ACCEPTED -> ResponseEntity.ok().build();
            case UNAUTHORIZED -> ResponseEntity.status(401).build();
            case MALFORMED -> ResponseEntity.badRequest().build();
        };
    }
}
