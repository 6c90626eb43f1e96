package io.opsbot.teams.inbound;

import com.fasterxml.jackson.databind.JsonNode;
import io.opsbot.core.home.HomeCards;
import io.opsbot.core.home.HomeService;
import io.opsbot.core.message.Markup;
import io.opsbot.core.message.Message;
import io.opsbot.teams.conversations.ConversationReferences;
import io.opsbot.teams.conversations.TeamsConversation;
import io.opsbot.teams.outbound.OutboundActivities;
import org.springframework.stereotype.Component;

/**
 * The bot was added to a team, a chat or someone's personal scope: post a short welcome once, and in a personal chat
 * the person's home (what is waiting for them) under it. Teams announces one install with both a conversationUpdate
 * (bot in membersAdded) and an installationUpdate, so the welcome is claimed once per conversation in MongoDB; an
 * uninstall releases the claim so a later re-install is welcomed again.
 */
@Component
class Installations {

    private final ConversationReferences references;
    private final ConversationReplies replies;
    private final HomeService homes;

    Installations(ConversationReferences references, ConversationReplies replies, HomeService homes) {
        this.references = references;
        this.replies = replies;
        this.homes = homes;
    }

    void onConversationUpdate(InboundActivity inbound) {
        String bot = inbound.botId();
        for (JsonNode member : inbound.membersAdded()) {
            // In a 1:1 chat the person is always there: any member added means the bot was just installed.
            if (inbound.personal() || bot != null && bot.equals(member.path("id").asText(null))) {
                welcome(inbound);
                return;
            }
        }
    }

    void onInstallationUpdate(InboundActivity inbound) {
        String action = inbound.action();
        if ("add".equals(action)) {
            welcome(inbound);
        } else if ("remove".equals(action)) {
            references.forgetWelcome(inbound.tenant(), inbound.baseConversationId());
        }
    }

    private void welcome(InboundActivity inbound) {
        if (!references.claimWelcome(inbound.tenant(), inbound.baseConversationId())) {
            return;
        }
        replies.sendToConversation(inbound, inbound.baseConversationId(),
                OutboundActivities.of(welcomeMessage(inbound.conversationType())));
        if (inbound.personal() && inbound.userId() != null) {
            replies.sendToConversation(inbound, inbound.baseConversationId(), OutboundActivities.of(
                    HomeCards.card(homes.of(inbound.invoker().user(), inbound.zone()))));
        }
    }

    static Message welcomeMessage(String conversationType) {
        Markup.Builder text = Markup.builder().text("👋 Hi! I capture customer and team feedback and route it to your "
                + "product team for triage, then tell the reporter when its status changes.").newline();
        if (TeamsConversation.PERSONAL.equals(conversationType)) {
            text.text("Type ").code("feedback <what you heard>").text(" to save feedback at once, ").code("feedback")
                    .text(" for the form, ").code("home").text(" for what is waiting for you, or ").code("help")
                    .text(" for everything I can do.");
        } else {
            text.text("Mention me with ").code("help").text(" to see what I can do.");
            if (TeamsConversation.CHANNEL.equals(conversationType)) {
                text.newline().text("Admins: mention me with ").code("feedback triage here")
                        .text(" in the channel that should receive feedback.");
            }
        }
        return Message.of(text.build());
    }
}
