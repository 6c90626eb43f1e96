package io.opsbot.core.blocker;

import io.opsbot.core.message.Block;
import io.opsbot.core.message.Button;
import io.opsbot.core.message.ButtonValue;
import io.opsbot.core.message.Markup;
import io.opsbot.core.message.Message;
import io.opsbot.core.message.Texts;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/** How blockers look in chat: the key result owner's DM, the author's "still blocked" note, a summary's carry-over. */
public final class BlockerCards {

    public static final String RESOLVE_ACTION = "blocker.resolve";
    /** "Resolved" buttons per message: a few, the oldest first; the rest are resolved by command. */
    static final int MAX_BUTTONS = 5;
    private static final int TEXT_LIMIT = 300;

    private BlockerCards() {
    }

    static Message toKeyResultOwner(Blocker b) {
        Markup text = Markup.builder().text("🚧 ").mention(b.getAuthor(), b.getAuthorName())
                .text(" is blocked on your key result ").bold(b.getKeyResultRef() + " " + b.getKeyResultTitle())
                .text(" (" + b.getSourceName() + ")").newline()
                .text(Texts.shorten(b.getText(), 1500)).build();
        return Message.builder("🚧 " + b.getAuthorName() + " is blocked on " + b.getKeyResultRef() + " ("
                        + b.reference() + ")")
                .section(text)
                .context(Markup.plain(b.reference() + " stays open until " + b.getAuthorName()
                        + " marks it resolved; it shows on " + b.getKeyResultRef() + " until then."))
                .build();
    }

    /** Sent before a day's questions: what is still open from earlier days, each with its Resolved button. */
    public static Message stillBlocked(List<Blocker> open, LocalDate today, String resolveCommand) {
        Markup.Builder text = Markup.builder().bold("🚧 Still blocked by:");
        open.forEach(b -> text.newline().text("• ").append(line(b, today)));
        text.newline().text("Resolved? Click below, or type ").code(resolveCommand + " BL-<number>").text(".");
        return Message.builder("Still blocked by: " + String.join(", ", open.stream()
                        .map(b -> b.reference() + " " + Texts.shorten(b.getText(), 60)).toList()) + " — Resolved?")
                .section(text.build())
                .buttons(buttons(open))
                .build();
    }

    /** A summary's section of blockers carried over from earlier days, with their age and Resolved buttons. */
    public static List<Block> carriedOver(List<Blocker> open, LocalDate day) {
        if (open.isEmpty()) {
            return List.of();
        }
        Markup.Builder text = Markup.builder().bold("🚧 Still open from earlier days");
        open.forEach(b -> text.newline().mention(b.getAuthor(), b.getAuthorName()).text(" ").append(line(b, day)));
        List<Block> blocks = new ArrayList<>();
        blocks.add(new Block.Section(text.build(), List.of()));
        blocks.add(new Block.Actions(buttons(open)));
        return blocks;
    }

    /** The reply to whoever resolved it. */
    public static String resolved(Blocker b) {
        return "✅ " + b.reference() + " is resolved: " + Texts.shorten(b.getText(), TEXT_LIMIT);
    }

    /** The message with the carried-over section before its last block (a summary's closing context line). */
    public static Message withCarriedOver(Message message, List<Blocker> open, LocalDate day) {
        List<Block> extra = carriedOver(open, day);
        if (extra.isEmpty()) {
            return message;
        }
        List<Block> blocks = new ArrayList<>(message.blocks());
        blocks.addAll(Math.max(0, blocks.size() - 1), extra);
        return new Message(message.summary(), blocks);
    }

    /** {@code BL-3 waiting on infra (KR-3) · day 2}. */
    public static Markup line(Blocker b, LocalDate day) {
        Markup.Builder line = Markup.builder().bold(b.reference().toString())
                .text(" " + Texts.shorten(b.getText(), TEXT_LIMIT));
        if (b.getKeyResultRef() != null) {
            line.text(" (" + b.getKeyResultRef() + ")");
        }
        return line.italic(" · day " + b.dayOn(day)).build();
    }

    private static List<Button> buttons(List<Blocker> open) {
        return open.stream().limit(MAX_BUTTONS).map(b -> Button.of(RESOLVE_ACTION, "Resolved " + b.reference(),
                ButtonValue.of(b.getId()))).toList();
    }
}
