package io.opsbot.core.message;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TextsTest {

    @Test
    void cutEndsInAnEllipsisWithinTheLimitAndNeverSplitsAnEmoji() {
        assertThat(Texts.cut("a".repeat(8) + "😀😀", 10)).isEqualTo("a".repeat(8) + "…");
        assertThat(Texts.cut("a".repeat(7) + "😀😀", 10)).isEqualTo("a".repeat(7) + "😀…");
        assertThat(Texts.cut("a".repeat(20), 10)).hasSize(10).endsWith(Texts.ELLIPSIS);
    }

    @Test
    void cutLeavesTextThatFitsAlone() {
        assertThat(Texts.cut("short", 10)).isEqualTo("short");
        assertThat(Texts.cut("a".repeat(10), 10)).isEqualTo("a".repeat(10));
        assertThat(Texts.cut(null, 10)).isNull();
    }
}
