package io.opsbot.core.message;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A platform-neutral chat message. {@code summary} is the plain notification/fallback text (Slack's {@code text},
 * Teams' activity text/summary); {@code blocks} is what is shown.
 */
public record Message(String summary, List<Block> blocks) {

    public Message {
        Objects.requireNonNull(summary, "summary");
        blocks = List.copyOf(blocks);
    }

    /** A message made of one paragraph. */
    public static Message text(String text) {
        return new Message(text, List.of(new Block.Section(Markup.plain(text))));
    }

    public static Message of(Markup markup) {
        return new Message(markup.plainText(), List.of(new Block.Section(markup)));
    }

    public static Builder builder(String summary) {
        return new Builder(summary);
    }

    public static final class Builder {
        private final String summary;
        private final List<Block> blocks = new ArrayList<>();

        private Builder(String summary) {
            this.summary = summary;
        }

        public Builder header(String text) {
            blocks.add(new Block.Header(text));
            return this;
        }

        public Builder section(Markup text) {
            blocks.add(new Block.Section(text));
            return this;
        }

        public Builder section(Markup text, List<Field> fields) {
            blocks.add(new Block.Section(text, fields));
            return this;
        }

        public Builder text(String text) {
            return section(Markup.plain(text));
        }

        public Builder context(Markup text) {
            blocks.add(new Block.Context(text));
            return this;
        }

        public Builder divider() {
            blocks.add(new Block.Divider());
            return this;
        }

        public Builder buttons(List<Button> buttons) {
            if (!buttons.isEmpty()) {
                blocks.add(new Block.Actions(buttons));
            }
            return this;
        }

        public Builder block(Block block) {
            blocks.add(block);
            return this;
        }

        public Message build() {
            return new Message(summary, blocks);
        }
    }
}
