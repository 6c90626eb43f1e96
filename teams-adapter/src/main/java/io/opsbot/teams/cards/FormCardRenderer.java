package io.opsbot.teams.cards;

import io.opsbot.core.form.Choice;
import io.opsbot.core.form.Form;
import io.opsbot.core.form.Input;
import io.opsbot.core.message.Texts;
import io.opsbot.teams.cards.CardElement.TextBlock;
import io.opsbot.teams.cards.TeamsMarkdown.Target;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * Renders a core {@link Form} as an Adaptive Card: title, intro blocks, one input per form input (with the
 * server-side error under it, in attention colour, when the form comes back rejected) and a submit button whose data
 * names the form, its state and the nonce that guards against double submission.
 */
public final class FormCardRenderer {

    private FormCardRenderer() {
    }

    public static AdaptiveCard card(Form form, String nonce) {
        return card(form, nonce, PickerChoices.NONE);
    }

    public static AdaptiveCard card(Form form, String nonce, PickerChoices pickers) {
        List<CardElement> body = new ArrayList<>();
        body.add(TextBlock.of(TeamsMarkdown.escape(Texts.cut(form.title(), MessageCards.HEADER_LIMIT),
                Target.CARD)).styled("Medium", "Bolder", null, null, null));
        body.addAll(MessageCards.elements(form.intro()));
        if (!form.errors().isEmpty()) {
            body.add(TextBlock.of("Please check the highlighted fields.").styled(null, "Bolder", "Attention", null,
                    null));
        }
        for (Input input : form.inputs()) {
            body.add(input(input, pickers));
            if (input.hint() != null && !input.hint().isBlank()) {
                body.add(TextBlock.of(TeamsMarkdown.escape(input.hint(), Target.CARD))
                        .styled("Small", null, null, true, "None"));
            }
            String error = form.errors().get(input.id());
            if (error != null) {
                body.add(TextBlock.of(TeamsMarkdown.escape(error, Target.CARD))
                        .styled("Small", null, "Attention", null, "None"));
            }
        }
        String submit = Texts.cut(form.submitLabel(), MessageCards.BUTTON_LIMIT);
        return new AdaptiveCard(body, List.of(new CardAction.Submit(submit, CardData.form(form, nonce), "positive")));
    }

    private static CardElement input(Input input, PickerChoices pickers) {
        // Labels, values and choices are shown as plain text (never as markdown), so only what could disguise them goes.
        String label = Texts.cut(Texts.displaySafe(input.label()), MessageCards.HEADER_LIMIT);
        Boolean required = input.required() ? Boolean.TRUE : null;
        String missing = input.required() ? input.label() + " is required." : null;
        if (input instanceof Input.Text text) {
            return new CardElement.InputText(text.id(), label, required, missing, text.placeholder(),
                    text.multiline() ? Boolean.TRUE : null, text.maxLength(), Texts.displaySafe(text.initial()),
                    text.secret() ? "password" : null);
        }
        if (input instanceof Input.Select select) {
            List<CardElement.Choice> choices = new ArrayList<>();
            for (Choice choice : select.choices()) {
                choices.add(new CardElement.Choice(Texts.displaySafe(choice.label()), choice.value()));
            }
            String initial = select.initial() != null && select.hasChoice(select.initial()) ? select.initial() : null;
            return new CardElement.InputChoiceSet(select.id(), label, required, missing,
                    select.expanded() ? "expanded" : "compact", choices, initial, null);
        }
        if (input instanceof Input.Number number) {
            return new CardElement.InputNumber(number.id(), label, required,
                    missing != null ? missing : rangeMessage(number), number.min(), number.max(),
                    number(number.initial()));
        }
        if (input instanceof Input.Date date) {
            return new CardElement.InputDate(date.id(), label, required, missing, date(date.initial()));
        }
        if (input instanceof Input.Time time) {
            return new CardElement.InputTime(time.id(), label, required, missing, time.initial());
        }
        if (input instanceof Input.MultiSelect multi) {
            List<CardElement.Choice> choices = new ArrayList<>();
            for (Choice choice : multi.choices()) {
                choices.add(new CardElement.Choice(Texts.displaySafe(choice.label()), choice.value()));
            }
            return new CardElement.InputChoiceSet(multi.id(), label, required, missing, "expanded", choices,
                    multi.initial(), Boolean.TRUE);
        }
        if (input instanceof Input.People people) {
            return new CardElement.InputChoiceSet(people.id(), label, required, missing, "filtered",
                    pickers.people(), people.initial(), people.multiple() ? Boolean.TRUE : null);
        }
        Input.Channel channel = (Input.Channel) input;
        return new CardElement.InputChoiceSet(channel.id(), label, required, missing, "compact", pickers.channels(),
                channel.initial(), null);
    }

    private static String rangeMessage(Input.Number number) {
        return number.min() == null && number.max() == null ? null
                : "Enter a number from " + plain(number.min()) + " to " + plain(number.max()) + ".";
    }

    private static String plain(BigDecimal bound) {
        return bound == null ? "any" : bound.toPlainString();
    }

    /** A typed value the card cannot show as a number (it was rejected as one) is left out rather than failing. */
    private static BigDecimal number(String initial) {
        try {
            return initial == null || initial.isBlank() ? null : new BigDecimal(initial.strip().replace(",", ""));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static String date(String initial) {
        try {
            return initial == null || initial.isBlank() ? null : LocalDate.parse(initial.strip()).toString();
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
