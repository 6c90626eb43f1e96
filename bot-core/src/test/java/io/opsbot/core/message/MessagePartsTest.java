package io.opsbot.core.message;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

class MessagePartsTest {

    @Test
    void longGroupsArePackedIntoNumberedPartsWithinEveryLimitAndNothingIsLost() {
        List<List<Block>> groups = new ArrayList<>();
        for (int g = 0; g < 12; g++) {
            int group = g;
            List<Markup> lines = IntStream.range(0, 60).mapToObj(i -> Markup.builder().bold("KR-" + group + "." + i)
                    .text(" a key result whose title is long enough to matter ▓▓▓▓▓░░░░░ 50%").build()).toList();
            groups.add(new ArrayList<>(MessageParts.sections(Markup.bold("O-" + group), lines)));
        }

        List<Message> parts = MessageParts.pack("Report", "📊 Report", List.of(), groups, 20,
                left -> Markup.plain(left + " more"));

        assertThat(parts).hasSizeGreaterThan(1);
        assertThat(parts.get(0).summary()).isEqualTo("Report (1/" + parts.size() + ")");
        StringBuilder all = new StringBuilder();
        for (Message part : parts) {
            assertThat(part.blocks()).hasSizeLessThanOrEqualTo(MessageParts.MAX_BLOCKS);
            assertThat(part.blocks().get(0)).isInstanceOf(Block.Header.class);
            assertThat(MessageParts.size(part.blocks())).isLessThanOrEqualTo(MessageParts.PART_BYTES);
            part.blocks().stream().filter(b -> b instanceof Block.Section).map(b -> ((Block.Section) b).text())
                    .forEach(t -> {
                        assertThat(t.plainText().length()).isLessThanOrEqualTo(MessageParts.SECTION_CHARS);
                        all.append(t.plainText()).append('\n');
                    });
        }
        for (int g = 0; g < 12; g++) {
            for (int i = 0; i < 60; i++) {
                assertThat(all).contains("KR-" + g + "." + i + " a key result");
            }
        }
    }

    @Test
    void whatDoesNotFitTheLastAllowedPartIsCountedThere() {
        List<List<Block>> groups = IntStream.range(0, 200).mapToObj(i -> List.<Block>of(
                new Block.Section(Markup.plain("x".repeat(1_500))))).toList();

        List<Message> parts = MessageParts.pack("R", "R", List.of(), groups, 2, left -> Markup.plain(left + " more"));

        assertThat(parts).hasSize(2);
        Block last = parts.get(1).blocks().get(parts.get(1).blocks().size() - 1);
        assertThat(last).isInstanceOfSatisfying(Block.Context.class,
                c -> assertThat(c.text().plainText()).matches("\\d+ more"));
    }
}
