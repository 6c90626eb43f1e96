package io.opsbot.teams.inbound;

import io.opsbot.core.conversation.ConversationEngine;
import io.opsbot.core.conversation.Response;
import io.opsbot.core.mention.MentionTokens;
import io.opsbot.teams.people.TeamsMembers;
import org.springframework.stereotype.Component;

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

    TextMessages(ConversationEngine engine, ConversationReplies replies, TeamsMembers members) {
        this.engine = engine;
        this.replies = replies;
        this.members = members;
    }

    void handle(InboundActivity inbound) {
        // People mentioned become <@entra-object-id>, the id the core knows them by.
        String conversation = inbound.teamId() != null ? inbound.teamId() : inbound.baseConversationId();
        String text = inbound.textWithoutBotMention(mention -> MentionTokens.token(members.personId(inbound.tenant(),
                inbound.serviceUrl(), conversation, mention.id(), mention.aadObjectId())));
        Response response = engine.onMessage(inbound.invoker(), text);
        replies.respond(inbound, response);
    }
}
