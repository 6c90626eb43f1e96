package io.opsbot.teams.inbound;

import io.opsbot.core.conversation.Visibility;
import io.opsbot.core.form.Form;
import io.opsbot.core.message.Message;
import io.opsbot.teams.cards.AdaptiveCard;

/** What a click or a submit on one of our cards leads to, before it is delivered the way the click arrived. */
sealed interface CardOutcome {

    /** Replace the card that was clicked. */
    record ReplaceCard(AdaptiveCard card, String summary) implements CardOutcome {
    }

    /** Post a new message in the conversation (or, for a private reply to an invoke, show it to the clicker). */
    record Reply(Message message, Visibility visibility) implements CardOutcome {
    }

    /** Post a new card (a form opened by a button). */
    record PostForm(Form form) implements CardOutcome {
    }

    /** A short note to the clicker; nothing changes in the conversation. */
    record Notice(String text) implements CardOutcome {
    }

    record Nothing() implements CardOutcome {
    }
}
