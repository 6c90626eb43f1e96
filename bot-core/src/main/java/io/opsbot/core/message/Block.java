package io.opsbot.core.message;

import java.util.List;
import java.util.Objects;

/** One visual part of a {@link Message}. Adapters map each kind to Block Kit blocks or Adaptive Card elements. */
public sealed interface Block permits Block.Header, Block.Section, Block.Context, Block.Divider, Block.Actions {

    /** A title line. */
    record Header(String text) implements Block {
        public Header {
            Objects.requireNonNull(text, "text");
        }
    }

    /** A paragraph of formatted text with optional label/value fields beside or below it. */
    record Section(Markup text, List<Field> fields) implements Block {
        public Section {
            Objects.requireNonNull(text, "text");
            fields = fields == null ? List.of() : List.copyOf(fields);
        }

        public Section(Markup text) {
            this(text, List.of());
        }
    }

    /** Small secondary text: ids, timestamps, hints. */
    record Context(Markup text) implements Block {
        public Context {
            Objects.requireNonNull(text, "text");
        }
    }

    record Divider() implements Block {
    }

    /** A row of buttons. */
    record Actions(List<Button> buttons) implements Block {
        public Actions {
            if (buttons == null || buttons.isEmpty()) {
                throw new IllegalArgumentException("an actions block needs at least one button");
            }
            buttons = List.copyOf(buttons);
        }
    }
}
