package io.opsbot.teams.people;

import com.microsoft.bot.schema.ChannelAccount;
import io.opsbot.core.gateway.DeliveryException;
import io.opsbot.core.tenant.TenantRef;
import io.opsbot.teams.connector.ConnectorClients;
import io.opsbot.teams.connector.ConnectorFailures;
import io.opsbot.teams.conversations.ConversationReferences;
import io.opsbot.teams.conversations.TeamsConversation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Optional;

/**
 * Turns the Teams-specific {@code 29:} id of a person into the id the core knows them by, their Entra object id:
 * from what Teams sent with it, else from a 1:1 chat they had with the bot, else by asking the Bot Connector for the
 * member of the conversation (or team); the {@code 29:} id when nothing answers.
 */
@Component
public class TeamsMembers {

    private static final Logger log = LoggerFactory.getLogger(TeamsMembers.class);

    private final ConnectorClients connectors;
    private final ConversationReferences references;

    public TeamsMembers(ConnectorClients connectors, ConversationReferences references) {
        this.connectors = connectors;
        this.references = references;
    }

    /** A member as the connector describes them. */
    public record Member(String id, String aadObjectId, String name) {
    }

    public String personId(TenantRef tenant, String serviceUrl, String conversationId, String memberId,
                           String aadObjectId) {
        if (aadObjectId != null && !aadObjectId.isBlank()) {
            return aadObjectId;
        }
        Optional<String> known = references.personal(tenant, memberId).map(TeamsConversation::getAadObjectId);
        if (known.isPresent()) {
            return known.get();
        }
        return member(serviceUrl, conversationId, memberId).map(Member::aadObjectId)
                .filter(id -> id != null && !id.isBlank()).orElse(memberId);
    }

    /** One member of a conversation or team (GET .../members/{id}); empty when the connector does not say. */
    public Optional<Member> member(String serviceUrl, String conversationId, String memberId) {
        try {
            ChannelAccount account = ConnectorFailures.call("getConversationMember", () -> connectors
                    .conversations(serviceUrl).getConversationMember(memberId, conversationId));
            return Optional.ofNullable(account).map(TeamsMembers::member);
        } catch (DeliveryException e) {
            log.info("Could not look up member {} of {}: {}", memberId, conversationId, e.getMessage());
            return Optional.empty();
        }
    }

    /** Everyone in a conversation or team (GET .../members). */
    public List<Member> members(String serviceUrl, String conversationId) {
        List<ChannelAccount> accounts = ConnectorFailures.call("getConversationMembers", () -> connectors
                .conversations(serviceUrl).getConversationMembers(conversationId));
        return accounts == null ? List.of() : accounts.stream().map(TeamsMembers::member).toList();
    }

    private static Member member(ChannelAccount account) {
        return new Member(account.getId(), account.getAadObjectId(), account.getName());
    }
}
