package io.opsbot.slack.render;

import com.slack.api.model.block.ActionsBlock;
import com.slack.api.model.block.element.ButtonElement;
import io.opsbot.core.message.Block;
import io.opsbot.core.message.Button;
import io.opsbot.core.message.ButtonValue;
import io.opsbot.core.message.Markup;
import io.opsbot.core.message.Message;
import io.opsbot.core.tenant.TenantRef;
import io.opsbot.core.tenant.UserRef;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class MrkdwnTest {

    @Test
    void stylesLinksAndMentions() {
        Markup markup = Markup.builder().bold("FB-3").text(" from ").mention(new UserRef(TenantRef.slack("T1"), "U9"), "Kim")
                .text(", see ").link("https://x.example/a|b>c", "the <doc>").newline().italic("done ").code("x")
                .mention(new UserRef(TenantRef.teams("t"), "29:1"), "Ana").build();

        assertThat(Mrkdwn.render(markup, 3000)).isEqualTo("*FB-3* from <@U9>, see "
                + "<https://x.example/a%7Cb%3Ec|the &lt;doc&gt;>\n_done_ `x`*Ana*");
    }

    @Test
    void aChannelIsLinkedByItsIdAndAnIdOfAnotherShapeIsShownAsItsLabel() {
        Markup markup = Markup.builder().channel("C0TRIAGE1", "chosen").text(" / ")
                .channel("C1><!channel", "chosen").build();

        assertThat(Mrkdwn.render(markup, 3000)).isEqualTo("<#C0TRIAGE1> / chosen");
        assertThat(markup.plainText()).isEqualTo("chosen / chosen");
    }

    @Test
    void userTextIsEscaped() {
        assertThat(Mrkdwn.render(Markup.plain("<!here> & <@U1|x>"), 3000)).isEqualTo("&lt;!here&gt; &amp; &lt;@U1|x&gt;");
    }

    @Test
    void truncationNeverCutsAnEscapeOrALinkAndStaysWithinTheLimit() {
        Markup markup = Markup.builder().text("a&b").link("https://example.com", "link").build();

        assertThat(Mrkdwn.render(markup, 7)).isEqualTo("a&amp;…");
        assertThat(Mrkdwn.render(markup, 6)).isEqualTo("a…");
        assertThat(Mrkdwn.render(markup, 5)).isEqualTo("a…");
        String long1 = Mrkdwn.render(Markup.bold("x".repeat(5000)), 3000);
        assertThat(long1).hasSize(3000).startsWith("*x").endsWith("x*…");
    }

    @Test
    void truncationKeepsEmojiWhole() {
        assertThat(Mrkdwn.render(Markup.plain("ab😀😀"), 5)).isEqualTo("ab😀…");
        assertThat(Mrkdwn.render(Markup.plain("ab😀😀"), 4)).isEqualTo("ab…");
    }

    @Test
    void buttonsGetUniqueActionIdsThatMapBack() {
        Message message = Message.builder("x").buttons(List.of(
                Button.of("feedback.status", "A", ButtonValue.of("1", "A")),
                Button.of("feedback.status", "B", ButtonValue.of("1", "B")))).build();

        ActionsBlock actions = (ActionsBlock) BlockKitRenderer.blocks(message).get(0);
        List<String> ids = actions.getElements().stream().map(e -> ((ButtonElement) e).getActionId()).toList();

        assertThat(ids).containsExactly("feedback.status#0", "feedback.status#1");
        assertThat(ids).allSatisfy(id -> assertThat(BlockKitRenderer.coreActionId(id)).isEqualTo("feedback.status"));
    }

    @Test
    void headersAreCutToSlacksLimit() {
        Message message = new Message("x", List.of(new Block.Header("h".repeat(400))));

        String header = ((com.slack.api.model.block.HeaderBlock) BlockKitRenderer.blocks(message).get(0)).getText()
                .getText();

        assertThat(header).hasSize(150).endsWith("…");
    }
}
