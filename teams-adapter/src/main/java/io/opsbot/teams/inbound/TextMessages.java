package io.opsbot.teams.inbound;

import io.opsbot.core.conversation.ConversationEngine;
import io.opsbot.core.conversation.Response;
import org.springframework.stereotype.Component;

/**
 * A typed message to the bot: in a 1:1 chat, or mentioning it in a channel or group chat. The bot's mention is
 * removed and the rest goes to the core as a command ({@code feedback Export is slow #reporting}).
 */
@Component
class TextMessages {

    private final ConversationEngine engine;
    private final ConversationReplies replies;

    TextMessages(ConversationEngine engine, ConversationReplies replies) {
        this.engine = engine;
        this.replies = replies;
    }

    void handle(InboundActivity inbound) {
        Response response = engine.onMessage(inbound.invoker(), inbound.textWithoutBotMention());
        replies.respond(inbound, response);
    }
}
