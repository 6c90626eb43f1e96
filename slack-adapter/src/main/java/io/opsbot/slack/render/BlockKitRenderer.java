package io.opsbot.slack.render;

import com.slack.api.model.block.ActionsBlock;
import com.slack.api.model.block.ContextBlock;
import com.slack.api.model.block.DividerBlock;
import com.slack.api.model.block.HeaderBlock;
import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.block.SectionBlock;
import com.slack.api.model.block.composition.MarkdownTextObject;
import com.slack.api.model.block.composition.PlainTextObject;
import com.slack.api.model.block.composition.TextObject;
import com.slack.api.model.block.element.BlockElement;
import com.slack.api.model.block.element.ButtonElement;
import io.opsbot.core.message.Block;
import io.opsbot.core.message.Button;
import io.opsbot.core.message.Field;
import io.opsbot.core.message.Markup;
import io.opsbot.core.message.Message;
import io.opsbot.core.message.Texts;

import java.util.ArrayList;
import java.util.List;

/**
 * Core {@link Message}s as Block Kit, built with Bolt's typed model classes and cut to Slack's published limits (a
 * message over them is rejected as {@code invalid_blocks}, so nothing is sent unchecked).
 */
public final class BlockKitRenderer {

    static final int SECTION_TEXT = 3000;
    static final int FIELD_TEXT = 2000;
    static final int MAX_FIELDS = 10;
    static final int HEADER_TEXT = 150;
    static final int BUTTON_TEXT = 75;
    static final int BUTTON_VALUE = 2000;
    static final int MAX_BUTTONS = 25;
    static final int MAX_BLOCKS = 50;
    /** A Home tab holds up to 100 blocks, twice a message. */
    public static final int MAX_HOME_BLOCKS = 100;
    /** Notification text: Slack accepts 40,000 characters but truncates display far earlier. */
    static final int FALLBACK_TEXT = 3000;

    /**
     * Slack wants action ids unique within a message, while the core reuses one id for a group of buttons
     * (feedback.status). We append {@code #n} and strip it again on the way in.
     */
    public static final char ACTION_SUFFIX = '#';

    private BlockKitRenderer() {
    }

    /**
     * The message's {@code text}: Slack shows it in notifications and reads it as mrkdwn, so the summary (which holds
     * user text) is escaped like every other piece of text.
     */
    public static String fallbackText(Message message) {
        return Mrkdwn.escape(Texts.cut(message.summary(), FALLBACK_TEXT));
    }

    public static List<LayoutBlock> blocks(Message message) {
        return blocks(message, MAX_BLOCKS);
    }

    /** As {@link #blocks(Message)}, on a surface that holds up to {@code maxBlocks} (a Home tab). */
    public static List<LayoutBlock> blocks(Message message, int maxBlocks) {
        List<LayoutBlock> blocks = new ArrayList<>();
        int buttonIndex = 0;
        for (Block block : message.blocks()) {
            if (blocks.size() == maxBlocks) {
                break;
            }
            if (block instanceof Block.Header header) {
                blocks.add(HeaderBlock.builder().text(plain(header.text(), HEADER_TEXT)).build());
            } else if (block instanceof Block.Section section) {
                blocks.add(section(section));
            } else if (block instanceof Block.Context context) {
                blocks.add(ContextBlock.builder()
                        .elements(List.of(markdown(context.text(), SECTION_TEXT))).build());
            } else if (block instanceof Block.Divider) {
                blocks.add(DividerBlock.builder().build());
            } else if (block instanceof Block.Actions actions) {
                List<BlockElement> buttons = new ArrayList<>();
                for (Button button : actions.buttons().subList(0, Math.min(MAX_BUTTONS, actions.buttons().size()))) {
                    buttons.add(button(button, buttonIndex++));
                }
                blocks.add(ActionsBlock.builder().elements(buttons).build());
            }
        }
        return blocks;
    }

    /** Strips the uniqueness suffix added by {@link #blocks}. */
    public static String coreActionId(String slackActionId) {
        int suffix = slackActionId.lastIndexOf(ACTION_SUFFIX);
        return suffix < 0 ? slackActionId : slackActionId.substring(0, suffix);
    }

    /** plain_text is never read as mrkdwn, so only what could disguise it is dropped. */
    static PlainTextObject plain(String text, int limit) {
        String safe = Texts.displaySafe(text);
        return PlainTextObject.builder().text(Texts.cut(safe.isEmpty() ? " " : safe, limit)).emoji(true).build();
    }

    static MarkdownTextObject markdown(Markup markup, int limit) {
        String text = Mrkdwn.render(markup, limit);
        return MarkdownTextObject.builder().text(text.isEmpty() ? " " : text).build();
    }

    private static SectionBlock section(Block.Section section) {
        SectionBlock.SectionBlockBuilder builder = SectionBlock.builder();
        if (!section.text().isEmpty()) {
            builder.text(markdown(section.text(), SECTION_TEXT));
        }
        if (!section.fields().isEmpty()) {
            List<TextObject> fields = new ArrayList<>();
            for (Field field : section.fields().subList(0, Math.min(MAX_FIELDS, section.fields().size()))) {
                Markup labelled = Markup.builder().bold(field.label()).newline().append(field.value()).build();
                fields.add(markdown(labelled, FIELD_TEXT));
            }
            builder.fields(fields);
        }
        if (section.text().isEmpty() && section.fields().isEmpty()) {
            builder.text(markdown(Markup.plain(" "), SECTION_TEXT));
        }
        return builder.build();
    }

    private static ButtonElement button(Button button, int index) {
        ButtonElement.ButtonElementBuilder builder = ButtonElement.builder()
                .actionId(button.actionId() + ACTION_SUFFIX + index)
                .text(plain(button.label(), BUTTON_TEXT))
                .value(Texts.cut(button.value(), BUTTON_VALUE));
        if (button.style() == Button.Style.PRIMARY) {
            builder.style("primary");
        } else if (button.style() == Button.Style.DANGER) {
            builder.style("danger");
        }
        return builder.build();
    }
}
