package io.opsbot.slack.inbound;

import com.slack.api.app_backend.events.payload.EventsApiPayload;
import com.slack.api.bolt.App;
import com.slack.api.bolt.context.builtin.EventContext;
import com.slack.api.model.event.AppMentionEvent;
import com.slack.api.model.event.MessageEvent;
import io.opsbot.core.claim.Claims;
import io.opsbot.core.conversation.ArrivalOrder;
import io.opsbot.core.conversation.ConversationEngine;
import io.opsbot.core.conversation.Invoker;
import io.opsbot.core.conversation.Response;
import io.opsbot.core.conversation.Visibility;
import io.opsbot.core.delivery.Outbox;
import io.opsbot.core.gateway.ChatGateway;
import io.opsbot.core.gateway.DeliveryException;
import io.opsbot.core.gateway.Destination;
import io.opsbot.core.message.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * Text sent to the bot: direct messages ({@code message.im}) and mentions in channels ({@code app_mention}). Events
 * are acked at once and handled after, one person's in the order they came ({@link ArrivalOrder}); each event id is
 * claimed first, because Slack redelivers events it thinks were not acked in time and the same message must not be
 * answered twice.
 */
@Component
class MessageEventListener implements SlackListener {

    private static final Logger log = LoggerFactory.getLogger(MessageEventListener.class);
    private static final Duration REMEMBER_EVENTS = Duration.ofDays(1);

    private final ConversationEngine engine;
    private final ChatGateway slack;
    private final Claims claims;
    private final ArrivalOrder inOrder;
    private final Outbox outbox;
    private final Clock clock;

    MessageEventListener(ConversationEngine engine, ChatGateway slackChatGateway, Claims claims,
                         ArrivalOrder inOrder, Outbox outbox,
                         Clock clock) {
        this.outbox = outbox;
        this.clock = clock;
        this.engine = engine;
        this.slack = slackChatGateway;
        this.claims = claims;
        this.inOrder = inOrder;
    }

    @Override
    public void register(App app) {
        app.event(MessageEvent.class, this::onMessage);
        app.event(AppMentionEvent.class, this::onMention);
    }

    private com.slack.api.bolt.response.Response onMessage(EventsApiPayload<MessageEvent> payload, EventContext ctx) {
        MessageEvent event = payload.getEvent();
        boolean fromPerson = event.getBotId() == null && event.getSubtype() == null && event.getUser() != null;
        if (fromPerson && "im".equals(event.getChannelType()) && firstDelivery(payload)) {
            Invoker invoker = SlackInvokers.invoker(ctx, event.getUser(), event.getTeam(), null, event.getChannel());
            inOrder.execute(invoker.user(), () -> answer(invoker, event.getText(), null, payload.getEventId()));
        }
        return ctx.ack();
    }

    private com.slack.api.bolt.response.Response onMention(EventsApiPayload<AppMentionEvent> payload,
                                                          EventContext ctx) {
        AppMentionEvent event = payload.getEvent();
        if (event.getBotId() == null && event.getUser() != null && firstDelivery(payload)) {
            Invoker invoker = SlackInvokers.invoker(ctx, event.getUser(), event.getUserTeam(), null,
                    event.getChannel());
            String thread = event.getThreadTs() != null ? event.getThreadTs() : event.getTs();
            String text = event.getText() == null ? "" : event.getText().replaceAll("<@[A-Z0-9]+>", "").strip();
            inOrder.execute(invoker.user(), () -> answer(invoker, text, thread, payload.getEventId()));
        }
        return ctx.ack();
    }

    private boolean firstDelivery(EventsApiPayload<?> payload) {
        String id = payload.getEventId();
        return id == null || claims.claim("slack-event:" + id, REMEMBER_EVENTS);
    }

    /**
     * Replies in the DM, or in the mention's thread. A reply Slack refuses for now (the bot's pace, 429, 5xx) goes to
     * the outbox, keyed by the event, so the person still gets it.
     */
    private void answer(Invoker invoker, String text, String thread, String eventId) {
        Response response = engine.onMessage(invoker, text);
        List<Message> messages = List.of();
        if (response instanceof Response.Reply reply) {
            messages = reply.parts();
            if (reply.visibility() == Visibility.IN_CONVERSATION) {
                thread = null;
            }
        } else if (response instanceof Response.ShowForm show) {
            messages = List.of(OpenFormButton.message(show.form()));
        }
        Destination.Channel where = thread == null ? invoker.conversation() : invoker.conversation().inThread(thread);
        for (int i = 0; i < messages.size(); i++) {
            send(invoker, where, messages.get(i), eventId == null ? null : eventId + (i == 0 ? "" : ":" + i));
        }
    }

    /** Sends one message of a reply, in order; the outbox keeps one Slack refuses for now. */
    private void send(Invoker invoker, Destination.Channel where, Message message, String eventId) {
        try {
            slack.send(where, message);
        } catch (DeliveryException e) {
            if (e.retryable() && eventId != null) {
                outbox.enqueue("slack-reply:" + eventId, where, message, clock.instant().plus(REMEMBER_EVENTS));
            } else {
                log.warn("Could not answer {} in {}: {}", invoker.user(), invoker.conversation(), e.getMessage());
            }
        } catch (RuntimeException e) {
            log.warn("Could not answer {} in {}: {}", invoker.user(), invoker.conversation(), e.getMessage());
        }
    }
}
