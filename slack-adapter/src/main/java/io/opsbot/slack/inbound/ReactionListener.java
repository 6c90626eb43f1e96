package io.opsbot.slack.inbound;

import com.slack.api.app_backend.events.payload.EventsApiPayload;
import com.slack.api.bolt.App;
import com.slack.api.bolt.context.builtin.EventContext;
import com.slack.api.model.event.ReactionAddedEvent;
import io.opsbot.core.claim.Claims;
import io.opsbot.core.config.CoreConfiguration;
import io.opsbot.core.conversation.Invoker;
import io.opsbot.core.conversation.Reaction;
import io.opsbot.core.conversation.Reactions;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.concurrent.Executor;

/**
 * {@code reaction_added} on a message in a channel the bot is in (needs {@code reactions:read}): handed to the core as
 * a neutral {@link Reaction} (a 👍 on a triage card is a vote). Acked at once, claimed by event id like every event,
 * handled after.
 */
@Component
class ReactionListener implements SlackListener {

    private static final Duration REMEMBER_EVENTS = Duration.ofDays(1);

    private final Reactions reactions;
    private final Claims claims;
    private final Executor executor;

    ReactionListener(Reactions reactions, Claims claims,
                     @Qualifier(CoreConfiguration.OUTBOUND_EXECUTOR) Executor executor) {
        this.reactions = reactions;
        this.claims = claims;
        this.executor = executor;
    }

    @Override
    public void register(App app) {
        app.event(ReactionAddedEvent.class, this::onReaction);
    }

    private com.slack.api.bolt.response.Response onReaction(EventsApiPayload<ReactionAddedEvent> payload,
                                                           EventContext ctx) {
        ReactionAddedEvent event = payload.getEvent();
        ReactionAddedEvent.Item item = event.getItem();
        boolean onMessage = item != null && "message".equals(item.getType()) && item.getChannel() != null
                && item.getTs() != null;
        if (onMessage && event.getUser() != null && event.getReaction() != null
                && !event.getUser().equals(ctx.getBotUserId()) && firstDelivery(payload)) {
            Invoker invoker = SlackInvokers.invoker(ctx, event.getUser(), null, null, item.getChannel());
            Reaction reaction = new Reaction(invoker, item.getChannel(), item.getTs(), event.getReaction());
            executor.execute(() -> reactions.added(reaction));
        }
        return ctx.ack();
    }

    private boolean firstDelivery(EventsApiPayload<?> payload) {
        String id = payload.getEventId();
        return id == null || id.isBlank() || claims.claim("slack-event:" + id, REMEMBER_EVENTS);
    }
}
