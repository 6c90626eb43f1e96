package io.opsbot.teams.outbound;

import com.microsoft.bot.schema.Activity;
import com.microsoft.bot.schema.ActivityTypes;
import com.microsoft.bot.schema.Attachment;
import com.microsoft.bot.schema.TextFormatTypes;
import io.opsbot.core.message.Block;
import io.opsbot.core.message.Message;
import io.opsbot.core.message.Texts;
import io.opsbot.teams.cards.AdaptiveCard;
import io.opsbot.teams.cards.CardJson;
import io.opsbot.teams.cards.MessageCards;
import io.opsbot.teams.cards.TeamsMarkdown;

/**
 * Builds the Bot Framework activities the bot sends. A message of one plain paragraph goes as markdown text (it reads
 * like a chat reply); anything with a header, fields, context or buttons goes as an Adaptive Card.
 */
public final class OutboundActivities {

    /** Visible characters of a text reply; Teams' own limit is far higher, but nobody reads more in a chat. */
    static final int TEXT_LIMIT = 4_000;
    static final int SUMMARY_LIMIT = 200;

    private OutboundActivities() {
    }

    public static Activity of(Message message) {
        if (message.blocks().size() == 1 && message.blocks().get(0) instanceof Block.Section section
                && section.fields().isEmpty()) {
            Activity activity = Activity.createMessageActivity();
            activity.setTextFormat(TextFormatTypes.MARKDOWN);
            activity.setText(TeamsMarkdown.render(section.text(), TeamsMarkdown.Target.MESSAGE, TEXT_LIMIT));
            return activity;
        }
        return card(MessageCards.card(message), message.summary());
    }

    /** A message activity carrying one Adaptive Card; {@code summary} is the notification preview. */
    public static Activity card(AdaptiveCard card, String summary) {
        Activity activity = new Activity(ActivityTypes.MESSAGE);
        Attachment attachment = new Attachment();
        attachment.setContentType(AdaptiveCard.CONTENT_TYPE);
        attachment.setContent(CardJson.forConnector(card));
        activity.setAttachment(attachment);
        if (summary != null && !summary.isBlank()) {
            activity.setSummary(Texts.cut(TeamsMarkdown.plain(summary), SUMMARY_LIMIT));
        }
        return activity;
    }
}
