package io.opsbot.slack.inbound;

import com.slack.api.app_backend.events.payload.EventsApiPayload;
import com.slack.api.bolt.App;
import com.slack.api.bolt.context.builtin.EventContext;
import com.slack.api.model.User;
import com.slack.api.model.event.MemberJoinedChannelEvent;
import com.slack.api.model.event.TeamJoinEvent;
import io.opsbot.core.claim.Claims;
import io.opsbot.core.config.CoreConfiguration;
import io.opsbot.core.gateway.Destination;
import io.opsbot.core.people.MemberJoined;
import io.opsbot.core.people.MemberJoins;
import io.opsbot.core.tenant.TenantRef;
import io.opsbot.core.tenant.UserRef;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;

import io.opsbot.slack.outbound.SlackPeopleDirectory;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Optional;
import java.util.concurrent.Executor;

/**
 * People joining: the workspace ({@code team_join}, whose user object says whether it is a bot) and channels
 * ({@code member_joined_channel}, only the tenant's onboarding channel counts; who joined is looked up to leave bots
 * out). Acked at once, claimed by event id like every event, handled after.
 */
@Component
class MemberJoinListener implements SlackListener {

    private static final Duration REMEMBER_EVENTS = Duration.ofDays(1);

    private final MemberJoins joins;
    private final SlackPeopleDirectory people;
    private final Claims claims;
    private final Executor executor;

    MemberJoinListener(MemberJoins joins, SlackPeopleDirectory people, Claims claims,
                       @Qualifier(CoreConfiguration.OUTBOUND_EXECUTOR) Executor executor) {
        this.joins = joins;
        this.people = people;
        this.claims = claims;
        this.executor = executor;
    }

    @Override
    public void register(App app) {
        app.event(TeamJoinEvent.class, this::onTeamJoin);
        app.event(MemberJoinedChannelEvent.class, this::onChannelJoin);
    }

    private com.slack.api.bolt.response.Response onTeamJoin(EventsApiPayload<TeamJoinEvent> payload,
                                                           EventContext ctx) {
        User user = payload.getEvent().getUser();
        if (user != null && user.getId() != null && !user.getId().isBlank() && SlackPeopleDirectory.isPerson(user)
                && firstDelivery(payload)) {
            TenantRef tenant = SlackInvokers.tenant(ctx);
            MemberJoined joined = new MemberJoined(new UserRef(tenant, user.getId()), name(user),
                    MemberJoined.Scope.WORKSPACE, null, zone(user).orElse(null));
            executor.execute(() -> joins.memberJoined(joined));
        }
        return ctx.ack();
    }

    private com.slack.api.bolt.response.Response onChannelJoin(EventsApiPayload<MemberJoinedChannelEvent> payload,
                                                              EventContext ctx) {
        MemberJoinedChannelEvent event = payload.getEvent();
        String userId = event.getUser();
        if (userId == null || event.getChannel() == null || userId.equals(ctx.getBotUserId())
                || !firstDelivery(payload)) {
            return ctx.ack();
        }
        TenantRef tenant = SlackInvokers.tenant(ctx);
        Destination.Channel channel = new Destination.Channel(tenant, event.getChannel());
        executor.execute(() -> {
            if (!joins.watches(channel)) {
                return;
            }
            Optional<User> user = people.info(tenant, userId);
            if (user.isPresent() && !SlackPeopleDirectory.isPerson(user.get())) {
                return;
            }
            joins.memberJoined(new MemberJoined(new UserRef(tenant, userId),
                    user.map(MemberJoinListener::name).orElse(null), MemberJoined.Scope.CHANNEL, channel,
                    user.flatMap(MemberJoinListener::zone).orElse(null)));
        });
        return ctx.ack();
    }


    static String name(User user) {
        if (user.getProfile() != null && user.getProfile().getDisplayName() != null
                && !user.getProfile().getDisplayName().isBlank()) {
            return user.getProfile().getDisplayName();
        }
        return user.getRealName() != null && !user.getRealName().isBlank() ? user.getRealName() : user.getName();
    }

    static Optional<ZoneId> zone(User user) {
        try {
            return user.getTz() == null || user.getTz().isBlank() ? Optional.empty()
                    : Optional.of(ZoneId.of(user.getTz()));
        } catch (DateTimeException e) {
            return Optional.empty();
        }
    }

    private boolean firstDelivery(EventsApiPayload<?> payload) {
        String id = payload.getEventId();
        return id == null || id.isBlank() || claims.claim("slack-event:" + id, REMEMBER_EVENTS);
    }
}
