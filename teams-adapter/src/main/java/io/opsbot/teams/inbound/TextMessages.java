package io.opsbot.teams.inbound;

import io.opsbot.core.conversation.ConversationEngine;
import io.opsbot.core.conversation.Response;
import io.opsbot.core.mention.MentionTokens;
import io.opsbot.teams.people.TeamsMembers;
import io.opsbot.teams.people.TeamsPeople;
import org.springframework.stereotype.Component;

import java.util.List;

/**
 * A typed message to the bot: in a 1:1 chat, or mentioning it in a channel or group chat. The bot's mention is
 * removed, people mentioned become mention tokens, and the rest goes to the core as a command
 * ({@code feedback Export is slow #reporting}, {@code onboarding start <@id>}).
 */
@Component
class TextMessages {

    private final ConversationEngine engine;
    private final ConversationReplies replies;
    private final TeamsMembers members;
    private final TeamsPeople people;

    TextMessages(ConversationEngine engine, ConversationReplies replies, TeamsMembers members, TeamsPeople people) {
        this.engine = engine;
        this.replies = replies;
        this.members = members;
        this.people = people;
    }

    void handle(InboundActivity inbound) {
        // People mentioned become <@entra-object-id>, the id the core knows them by.
        String conversation = inbound.teamId() != null ? inbound.teamId() : inbound.baseConversationId();
        String text = inbound.textWithoutBotMention(mention -> MentionTokens.token(person(inbound, conversation,
                mention)));
        Response response = engine.onMessage(inbound.invoker(), text);
        replies.respond(inbound, response);
    }

    /** The mentioned person's Entra object id; the name Teams gave them is kept, so replies can use it. */
    private String person(InboundActivity inbound, String conversation, InboundActivity.Mention mention) {
        String id = members.personId(inbound.tenant(), inbound.serviceUrl(), conversation, mention.id(),
                mention.aadObjectId());
        if (!id.equals(mention.id()) && mention.name() != null && !mention.name().isBlank()) {
            people.learned(inbound.tenant(), List.of(new TeamsPeople.Member(id, mention.id(), mention.name())));
        }
        return id;
    }
}
