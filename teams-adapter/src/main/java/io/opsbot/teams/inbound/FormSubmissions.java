package io.opsbot.teams.inbound;

import com.fasterxml.jackson.databind.JsonNode;
import io.opsbot.core.conversation.ConversationEngine;
import io.opsbot.core.conversation.FormSubmission;
import io.opsbot.core.conversation.SubmissionResult;
import io.opsbot.core.form.Form;
import io.opsbot.core.form.Input;
import io.opsbot.core.message.Message;
import io.opsbot.teams.cards.AdaptiveCard;
import io.opsbot.teams.cards.CardData;
import io.opsbot.teams.forms.FormCards;
import org.springframework.stereotype.Component;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One submit of one of our form cards, wherever the card was (a chat message, a message extension's task module):
 * the card's nonce is claimed once, the values go to the core, and a rejection releases the claim and comes back as
 * the same card with the errors under the inputs.
 */
@Component
class FormSubmissions {

    private final ConversationEngine engine;
    private final FormCards formCards;
    private final ConversationReplies replies;

    FormSubmissions(ConversationEngine engine, FormCards formCards, ConversationReplies replies) {
        this.engine = engine;
        this.formCards = formCards;
        this.replies = replies;
    }

    sealed interface Outcome {
    }

    /** Saved; the confirmation is for the submitter. */
    record Accepted(Message confirmation) implements Outcome {
    }

    /** Refused values: the card again, with the errors. */
    record Rejected(AdaptiveCard card, String title) implements Outcome {
    }

    /** Nothing was done; tell the submitter why. */
    record NotDone(String reason) implements Outcome {
    }

    /** Whether the data carries one of our forms. */
    static boolean isForm(JsonNode data) {
        JsonNode ours = CardData.ours(data);
        return ours.hasNonNull(CardData.NONCE) || ours.hasNonNull(CardData.FORM);
    }

    Outcome submit(InboundActivity inbound, JsonNode data) {
        String nonce = CardData.ours(data).path(CardData.NONCE).asText(null);
        FormCards.Claim claim = formCards.claim(inbound.tenant(), nonce);
        if (claim instanceof FormCards.AlreadySubmitted) {
            return new NotDone("This form was already submitted.");
        }
        if (!(claim instanceof FormCards.Claimed claimed)) {
            return new NotDone("This form is no longer available. Please start again.");
        }
        Form form = claimed.card().getForm();
        Map<String, String> values = values(form, data);
        SubmissionResult result = engine.onSubmit(new FormSubmission(inbound.invoker(), form.formId(), values,
                form.state()));
        if (result instanceof SubmissionResult.Refused refused) {
            // Not this person's to submit: the form stays usable for whoever may (a forwarded or replayed card).
            formCards.release(nonce);
            return new NotDone(refused.reason().summary());
        }
        if (result instanceof SubmissionResult.Rejected rejected) {
            formCards.release(nonce);
            return new Rejected(replies.formCard(inbound.tenant(), form.rejected(values, rejected.errors()), nonce),
                    form.title());
        }
        formCards.accepted(nonce);
        return new Accepted(((SubmissionResult.Accepted) result).confirmation());
    }

    /** The inputs' values by input id; anything else in the data (our keys, Teams' own) is left out. */
    private static Map<String, String> values(Form form, JsonNode data) {
        Map<String, String> values = new LinkedHashMap<>();
        for (Input input : form.inputs()) {
            JsonNode value = data.get(input.id());
            if (value != null && !value.isNull() && value.isValueNode()) {
                values.put(input.id(), value.asText());
            }
        }
        return values;
    }
}
