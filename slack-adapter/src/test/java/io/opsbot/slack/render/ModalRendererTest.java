package io.opsbot.slack.render;

import com.slack.api.model.block.InputBlock;
import com.slack.api.model.block.element.CheckboxesElement;
import com.slack.api.model.block.element.MultiStaticSelectElement;
import com.slack.api.model.block.element.RadioButtonsElement;
import com.slack.api.model.block.element.StaticSelectElement;
import com.slack.api.model.view.View;
import io.opsbot.core.form.Choice;
import io.opsbot.core.form.Form;
import io.opsbot.core.form.Input;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/** Choice inputs as Block Kit elements within Slack's limits: radio buttons and checkboxes show at most 10. */
class ModalRendererTest {

    private static List<Choice> choices(int count) {
        return IntStream.rangeClosed(1, count).mapToObj(i -> new Choice("v" + i, "Option " + i)).toList();
    }

    private static Object element(View view, String id) {
        return view.getBlocks().stream().map(InputBlock.class::cast).filter(b -> b.getBlockId().equals(id))
                .findFirst().orElseThrow().getElement();
    }

    @Test
    void shortListsShowEveryOptionLongOnesBecomeMenus() {
        Form form = Form.builder("f", "Choices")
                .input(Input.select("yes_no", List.of(new Choice("yes", "Yes"), new Choice("no", "No"))).expanded()
                        .label("Blocked?").initial("no"))
                .input(Input.select("long_radio", choices(11)).expanded().label("Long"))
                .input(Input.select("menu", choices(3)).label("Menu"))
                .input(Input.multiSelect("few", choices(10)).label("Few"))
                .input(Input.multiSelect("many", choices(11)).label("Many").initial("v2,v11"))
                .build();

        View view = ModalRenderer.modal(form, "");

        assertThat(element(view, "yes_no")).isInstanceOfSatisfying(RadioButtonsElement.class, radio -> {
            assertThat(radio.getOptions()).hasSize(2);
            assertThat(radio.getInitialOption().getValue()).isEqualTo("no");
        });
        assertThat(element(view, "long_radio")).isInstanceOf(StaticSelectElement.class);
        assertThat(element(view, "menu")).isInstanceOf(StaticSelectElement.class);
        assertThat(element(view, "few")).isInstanceOf(CheckboxesElement.class);
        assertThat(element(view, "many")).isInstanceOfSatisfying(MultiStaticSelectElement.class, multi ->
                assertThat(multi.getInitialOptions()).extracting(o -> o.getValue()).containsExactly("v2", "v11"));
    }
}
