package io.opsbot.core.mention;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class MentionTokensTest {

    @Test
    void readsNeutralAndSlackEscapedMentionsAndLeavesTheRest() {
        MentionTokens.Parsed parsed = MentionTokens.parse("start <@U123|ana> <@7faf8ab2-3d56-4244-b585-20c8a42ed2b8>"
                + "  engineering <@U123>");

        assertThat(parsed.userIds()).containsExactly("U123", "7faf8ab2-3d56-4244-b585-20c8a42ed2b8");
        assertThat(parsed.rest()).isEqualTo("start engineering");
    }

    @Test
    void normalizesEscapedMentionsOnly() {
        assertThat(MentionTokens.normalize("hi <@W012A3CDE|spengler> and <#C1|general> <!here>"))
                .isEqualTo("hi <@W012A3CDE> and <#C1|general> <!here>");
        assertThat(MentionTokens.token("29:abc")).isEqualTo("<@29:abc>");
        assertThat(MentionTokens.userIds("no mentions @ana")).isEmpty();
    }
}
