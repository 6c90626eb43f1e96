package io.opsbot.core.testing;

import io.opsbot.core.message.Block;
import io.opsbot.core.message.Field;
import io.opsbot.core.message.Markup;
import io.opsbot.core.message.Message;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

/** The links a neutral message carries, wherever they are (sections, fields, context lines), as "label → url". */
public final class MessageLinks {

    private MessageLinks() {
    }

    public static List<String> of(Message message) {
        List<String> links = new ArrayList<>();
        for (Block block : message.blocks()) {
            Stream<Markup> texts = Stream.empty();
            if (block instanceof Block.Section s) {
                texts = Stream.concat(Stream.of(s.text()), s.fields().stream().map(Field::value)
                        .filter(Objects::nonNull));
            } else if (block instanceof Block.Context c) {
                texts = Stream.of(c.text());
            }
            texts.flatMap(t -> t.spans().stream()).filter(Markup.Link.class::isInstance).map(Markup.Link.class::cast)
                    .forEach(l -> links.add(l.label() + " → " + l.url()));
        }
        return links;
    }
}
