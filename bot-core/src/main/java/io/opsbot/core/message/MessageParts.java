package io.opsbot.core.message;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;

/**
 * Cuts a long message (a report, a digest) into parts that each fit both platforms whole, instead of letting the
 * adapters cut it: Slack allows 50 blocks per message and 3,000 characters per section text, Teams about 28 KB per
 * card (and this bot's cards show 2,000 characters per text block). The budgets here are below those, since rendering adds escaping (Slack's {@code &amp;}) and layout (a card's
 * JSON around each text). Groups of blocks that belong together (an objective and its note) stay in one part.
 */
public final class MessageParts {

    /** Blocks per part, the header included: Slack's 50 less room for an adapter's own blocks. */
    public static final int MAX_BLOCKS = 40;
    /** Characters of one section's text: a Teams card's text block shows 2,000, Slack's section 3,000. */
    public static final int SECTION_CHARS = 1_800;
    /** UTF-8 bytes of text per part, counting {@link #BLOCK_OVERHEAD} for each block: within Teams' 28 KB card. */
    public static final int PART_BYTES = 18_000;
    static final int BLOCK_OVERHEAD = 200;

    private MessageParts() {
    }

    /**
     * Joins lines into as few sections as keep each within {@link #SECTION_CHARS}; a single longer line is its own
     * section (the adapters shorten it).
     */
    public static List<Block> sections(Markup first, List<Markup> lines) {
        List<Block> sections = new ArrayList<>();
        Markup.Builder current = Markup.builder().append(first);
        int length = first.plainText().length();
        for (Markup line : lines) {
            int more = line.plainText().length() + 1;
            if (!current.isEmpty() && length + more > SECTION_CHARS) {
                sections.add(new Block.Section(current.build()));
                current = Markup.builder();
                length = 0;
            }
            if (!current.isEmpty()) {
                current.newline();
            }
            current.append(line);
            length += more;
        }
        if (!current.isEmpty()) {
            sections.add(new Block.Section(current.build()));
        }
        return sections;
    }

    /**
     * Packs the groups into parts, each starting with the header (numbered {@code (2/3)} when there is more than one).
     * At most {@code maxParts}: what does not fit is left out and {@code overflow} (given how many groups were left)
     * ends the last part.
     */
    public static List<Message> pack(String summary, String header, List<Block> lead, List<List<Block>> groups,
                                     int maxParts, IntFunction<Markup> overflow) {
        List<List<Block>> bodies = new ArrayList<>();
        List<Block> body = new ArrayList<>(lead);
        int bytes = size(lead);
        int placed = 0;
        for (List<Block> group : fitting(groups)) {
            int groupBytes = size(group);
            boolean fits = body.size() + group.size() + 1 <= MAX_BLOCKS - 1 && bytes + groupBytes <= PART_BYTES;
            if (!fits && !body.isEmpty()) {
                if (bodies.size() + 1 == maxParts) {
                    break;
                }
                bodies.add(body);
                body = new ArrayList<>();
                bytes = 0;
            }
            body.addAll(group);
            bytes += groupBytes;
            placed++;
        }
        int total = fitting(groups).size();
        if (placed < total) {
            body.add(new Block.Context(overflow.apply(total - placed)));
        }
        bodies.add(body);
        List<Message> parts = new ArrayList<>();
        for (int i = 0; i < bodies.size(); i++) {
            String numbered = bodies.size() == 1 ? "" : " (" + (i + 1) + "/" + bodies.size() + ")";
            List<Block> blocks = new ArrayList<>();
            blocks.add(new Block.Header(header + numbered));
            blocks.addAll(bodies.get(i));
            parts.add(new Message(summary + numbered, blocks));
        }
        return parts;
    }

    /** A group too large for a part on its own is split into its blocks, so no part breaks the limits. */
    private static List<List<Block>> fitting(List<List<Block>> groups) {
        List<List<Block>> fitting = new ArrayList<>();
        for (List<Block> group : groups) {
            if (group.size() + 2 > MAX_BLOCKS - 1 || size(group) > PART_BYTES - 2 * BLOCK_OVERHEAD) {
                group.forEach(block -> fitting.add(List.of(block)));
            } else {
                fitting.add(group);
            }
        }
        return fitting;
    }

    /** What a part's blocks weigh against {@link #PART_BYTES}. */
    static int size(List<Block> blocks) {
        int bytes = 0;
        for (Block block : blocks) {
            bytes += BLOCK_OVERHEAD + utf8(text(block));
        }
        return bytes;
    }

    private static String text(Block block) {
        if (block instanceof Block.Header h) {
            return h.text();
        }
        if (block instanceof Block.Section s) {
            StringBuilder text = new StringBuilder(s.text().plainText());
            s.fields().forEach(f -> text.append(f.label()).append(f.value().plainText()));
            return text.toString();
        }
        if (block instanceof Block.Context c) {
            return c.text().plainText();
        }
        if (block instanceof Block.Actions a) {
            StringBuilder text = new StringBuilder();
            a.buttons().forEach(b -> text.append(b.label()).append(b.value()));
            return text.toString();
        }
        return "";
    }

    private static int utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8).length;
    }
}
