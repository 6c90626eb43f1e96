package io.opsbot.teams.cards;

import io.opsbot.core.home.HomeCards;
import io.opsbot.core.message.Block;
import io.opsbot.core.message.Button;
import io.opsbot.core.message.Field;
import io.opsbot.core.message.Message;
import io.opsbot.core.message.Texts;
import io.opsbot.teams.cards.CardElement.TextBlock;
import io.opsbot.teams.cards.TeamsMarkdown.Target;

import java.util.ArrayList;
import java.util.List;

/** Renders a core {@link Message} (and the intro of a form) as Adaptive Card elements. */
public final class MessageCards {

    /** Visible characters per text block: long feedback stays readable and the card stays under Teams' size limit. */
    public static final int TEXT_LIMIT = 2_000;
    static final int HEADER_LIMIT = 200;
    static final int FACT_LIMIT = 300;
    static final int BUTTON_LIMIT = 40;

    private MessageCards() {
    }

    /**
     * The message as a card. A message offering the home's Refresh button is a live card: Teams asks the bot for it
     * anew whenever it is shown ({@code refresh}), and every other button on it rebuilds it after doing its work.
     */
    public static AdaptiveCard card(Message message) {
        Button refresh = refreshButton(message);
        if (refresh == null) {
            return new AdaptiveCard(elements(message.blocks(), null), List.of());
        }
        CardAction.Execute action = new CardAction.Execute(Texts.cut(refresh.label(), BUTTON_LIMIT),
                refresh.actionId(), CardData.button(refresh), null, null);
        return new AdaptiveCard(elements(message.blocks(), refresh.actionId()), List.of(),
                new AdaptiveCard.Refresh(action));
    }

    private static Button refreshButton(Message message) {
        for (Block block : message.blocks()) {
            if (block instanceof Block.Actions actions) {
                for (Button button : actions.buttons()) {
                    if (HomeCards.REFRESH.equals(button.actionId())) {
                        return button;
                    }
                }
            }
        }
        return null;
    }

    public static List<CardElement> elements(List<Block> blocks) {
        return elements(blocks, null);
    }

    private static List<CardElement> elements(List<Block> blocks, String refresh) {
        List<CardElement> body = new ArrayList<>();
        boolean separateNext = false;
        for (Block block : blocks) {
            if (block instanceof Block.Divider) {
                separateNext = !body.isEmpty();
                continue;
            }
            List<CardElement> rendered = render(block, refresh);
            if (separateNext && !rendered.isEmpty()) {
                rendered.set(0, rendered.get(0).separated());
            }
            separateNext = false;
            body.addAll(rendered);
        }
        return body;
    }

    private static List<CardElement> render(Block block, String refresh) {
        List<CardElement> out = new ArrayList<>();
        if (block instanceof Block.Header header) {
            out.add(TextBlock.of(TeamsMarkdown.escape(Texts.cut(header.text(), HEADER_LIMIT), Target.CARD))
                    .styled("Medium", "Bolder", null, null, null));
        } else if (block instanceof Block.Section section) {
            if (!section.text().isEmpty()) {
                out.add(TextBlock.of(TeamsMarkdown.render(section.text(), Target.CARD, TEXT_LIMIT)));
            }
            if (!section.fields().isEmpty()) {
                List<CardElement.Fact> facts = new ArrayList<>();
                for (Field field : section.fields()) {
                    facts.add(new CardElement.Fact(TeamsMarkdown.escape(field.label(), Target.CARD),
                            TeamsMarkdown.render(field.value(), Target.CARD, FACT_LIMIT)));
                }
                out.add(new CardElement.FactSet(facts, null));
            }
        } else if (block instanceof Block.Context context) {
            out.add(TextBlock.of(TeamsMarkdown.render(context.text(), Target.CARD, TEXT_LIMIT))
                    .styled("Small", null, null, true, "Small"));
        } else if (block instanceof Block.Actions actions) {
            List<CardAction> buttons = new ArrayList<>();
            for (Button button : actions.buttons()) {
                buttons.add(button(button, refresh));
            }
            out.add(new CardElement.ActionSet(buttons, null));
        }
        return out;
    }

    /** Action.Execute for Universal Actions, with an Action.Submit fallback carrying the same data. */
    private static CardAction button(Button button, String refresh) {
        String title = Texts.cut(button.label(), BUTTON_LIMIT);
        String style = switch (button.style()) {
            case PRIMARY -> "positive";
            case DANGER -> "destructive";
            case DEFAULT -> null;
        };
        CardAction.Submit fallback = new CardAction.Submit(title, CardData.button(button, refresh), style);
        return new CardAction.Execute(title, button.actionId(), CardData.button(button, refresh), style, fallback);
    }
}
