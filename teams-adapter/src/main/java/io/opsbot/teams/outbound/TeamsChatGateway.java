package io.opsbot.teams.outbound;

import com.microsoft.bot.schema.Activity;
import com.microsoft.bot.schema.ChannelAccount;
import com.microsoft.bot.schema.ConversationParameters;
import com.microsoft.bot.schema.ConversationResourceResponse;
import com.microsoft.bot.schema.ResourceResponse;
import com.microsoft.bot.schema.teams.TeamsChannelData;
import com.microsoft.bot.schema.teams.TenantInfo;
import io.opsbot.core.gateway.ChatGateway;
import io.opsbot.core.gateway.DeliveryException;
import io.opsbot.core.gateway.DeliveryException.Reason;
import io.opsbot.core.gateway.Destination;
import io.opsbot.core.gateway.PostedMessage;
import io.opsbot.core.message.Message;
import io.opsbot.core.tenant.Platform;
import io.opsbot.core.tenant.TenantRef;
import io.opsbot.teams.TeamsProperties;
import io.opsbot.teams.connector.ConnectorClients;
import io.opsbot.teams.connector.ConnectorFailures;
import io.opsbot.teams.conversations.ConversationReferences;
import io.opsbot.teams.conversations.TeamsConversation;
import io.opsbot.teams.people.TeamsPeople;
import io.opsbot.teams.people.TeamsPerson;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Objects;

/**
 * Proactive messages on Teams: to a channel or chat through its stored conversation reference (into a reply chain when
 * a thread is given, as {@code <conversation>;messageid=<root>} the way Teams itself addresses threads), and to a
 * person through their 1:1 chat with the bot, which is created on first use if the bot is installed for them.
 */
@Component
public class TeamsChatGateway implements ChatGateway {

    private final ConnectorClients connectors;
    private final ConversationReferences references;
    private final TeamsProperties properties;
    private final TeamsPeople people;
    private final TeamsPacing pacing;

    public TeamsChatGateway(ConnectorClients connectors, ConversationReferences references,
                            TeamsProperties properties, TeamsPeople people, TeamsPacing pacing) {
        this.pacing = pacing;
        this.connectors = connectors;
        this.references = references;
        this.properties = properties;
        this.people = people;
    }

    @Override
    public Platform platform() {
        return Platform.TEAMS;
    }

    @Override
    public PostedMessage send(Destination destination, Message message) {
        TeamsConversation conversation = conversationFor(destination);
        String conversationId = destination instanceof Destination.Channel channel && channel.threadId() != null
                ? channel.channelId() + ";messageid=" + channel.threadId()
                : conversation.getConversationId();
        Activity activity = OutboundActivities.of(message);
        pacing.send(destination.tenant(), conversationId);
        ResourceResponse sent = ConnectorFailures.call("send", () -> connectors
                .posting(conversation.getServiceUrl()).sendToConversation(conversationId, activity));
        String id = sent == null || sent.getId() == null ? "" : sent.getId();
        return new PostedMessage(destination, conversationId, id);
    }

    @Override
    public void update(PostedMessage posted, Message message) {
        if (posted.messageId().isEmpty()) {
            throw new DeliveryException(Reason.REJECTED, "Teams did not return an id for that message; it cannot "
                    + "be updated");
        }
        TeamsConversation conversation = conversationFor(posted.destination());
        Activity activity = OutboundActivities.of(message);
        activity.setId(posted.messageId());
        pacing.send(posted.destination().tenant(), posted.conversationId());
        ConnectorFailures.call("update", () -> connectors.conversations(conversation.getServiceUrl())
                .updateActivity(posted.conversationId(), posted.messageId(), activity));
    }

    private TeamsConversation conversationFor(Destination destination) {
        if (destination instanceof Destination.Channel channel) {
            return references.find(channel.tenant(), channel.channelId())
                    .orElseThrow(() -> new DeliveryException(Reason.UNREACHABLE, "No Teams conversation reference for "
                            + channel.channelId() + " in tenant " + channel.tenant().tenantId()
                            + ": the bot must be added to that team or chat (or be messaged there) first"));
        }
        if (!(destination instanceof Destination.Direct direct)) {
            // Teams' personal home is a card that refreshes itself, not a surface the bot publishes.
            throw new DeliveryException(Reason.REJECTED, "Teams has no home tab to publish to");
        }
        return references.personal(direct.tenant(), direct.user().userId())
                .orElseGet(() -> openPersonalChat(direct.tenant(), direct.user().userId()));
    }

    /**
     * Creates the 1:1 chat with a person. Teams allows it only when the app is installed for them or in one of their
     * teams; otherwise it answers 403, which becomes UNREACHABLE. People are known by Entra object id; when the
     * adapter has seen the person's Teams user id ({@code 29:...}, from their messages or a roster) the chat is
     * created with that, the id Teams documents for it.
     */
    private TeamsConversation openPersonalChat(TenantRef tenant, String userId) {
        TeamsConversation known = references.latest(tenant)
                .orElseThrow(() -> new DeliveryException(Reason.UNREACHABLE, "The bot has never been used in Teams "
                        + "tenant " + tenant.tenantId() + ", so it cannot message anyone there"));
        String botId = known.getBotId() != null ? known.getBotId() : "28:" + properties.appId();
        String teamsUserId = userId.startsWith("29:") ? userId
                : people.find(tenant, userId).map(TeamsPerson::getTeamsUserId).orElse(userId);
        String aadObjectId = teamsUserId.equals(userId) ? null : userId;
        ConversationParameters parameters = new ConversationParameters();
        parameters.setIsGroup(false);
        parameters.setBot(account(botId));
        parameters.setMembers(List.of(account(teamsUserId)));
        parameters.setTenantId(tenant.tenantId());
        // Typed channel data: the SDK's request validator reflects into every field it is given, which JDK
        // collections (Map.of, HashMap) refuse under Java 17's strong encapsulation.
        TeamsChannelData channelData = new TeamsChannelData();
        channelData.setTenant(new TenantInfo(tenant.tenantId()));
        parameters.setChannelData(channelData);
        pacing.send(tenant, "create:" + teamsUserId);
        ConversationResourceResponse created = ConnectorFailures.call("createConversation",
                () -> connectors.conversations(known.getServiceUrl()).createConversation(parameters));
        if (created == null || created.getId() == null) {
            throw new DeliveryException(Reason.TRANSIENT, "Teams created a 1:1 chat but returned no id");
        }
        String serviceUrl = Objects.requireNonNullElse(created.getServiceUrl(), known.getServiceUrl());
        return references.record(new ConversationReferences.Seen(tenant, created.getId(), TeamsConversation.PERSONAL,
                serviceUrl, botId, null, teamsUserId, aadObjectId, null));
    }

    private static ChannelAccount account(String id) {
        ChannelAccount account = new ChannelAccount();
        account.setId(id);
        return account;
    }
}
