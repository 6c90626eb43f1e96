package io.opsbot.slack.render;

import com.slack.api.model.block.InputBlock;
import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.block.composition.OptionObject;
import com.slack.api.model.block.composition.PlainTextObject;
import com.slack.api.model.block.element.BlockElement;
import com.slack.api.model.block.element.CheckboxesElement;
import com.slack.api.model.block.element.ConversationsFilter;
import com.slack.api.model.block.element.ConversationsSelectElement;
import com.slack.api.model.block.element.DatePickerElement;
import com.slack.api.model.block.element.MultiStaticSelectElement;
import com.slack.api.model.block.element.MultiUsersSelectElement;
import com.slack.api.model.block.element.NumberInputElement;
import com.slack.api.model.block.element.PlainTextInputElement;
import com.slack.api.model.block.element.RadioButtonsElement;
import com.slack.api.model.block.element.StaticSelectElement;
import com.slack.api.model.block.element.TimePickerElement;
import com.slack.api.model.block.element.UsersSelectElement;
import com.slack.api.model.view.View;
import com.slack.api.model.view.ViewClose;
import com.slack.api.model.view.ViewState;
import com.slack.api.model.view.ViewSubmit;
import com.slack.api.model.view.ViewTitle;
import io.opsbot.core.form.Choice;
import io.opsbot.core.form.Form;
import io.opsbot.core.form.Input;
import io.opsbot.core.message.Message;
import io.opsbot.core.message.Texts;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Core {@link Form}s as Slack modals. Each input becomes an input block whose block id and action id are the core
 * input id, so a {@code view_submission}'s state maps straight back to the form's values.
 */
public final class ModalRenderer {

    static final int TITLE = 24;
    static final int LABEL = 2000;
    static final int PLACEHOLDER = 150;
    static final int OPTION_TEXT = 75;
    static final int OPTION_VALUE = 150;
    static final int MAX_OPTIONS = 100;
    /** Radio buttons and checkboxes show at most 10 options. */
    static final int MAX_RADIO_OPTIONS = 10;
    /** Slack's plain_text_input accepts max_length up to 3,000. */
    static final int TEXT_INPUT_MAX = 3000;

    private ModalRenderer() {
    }

    /** The modal; {@code privateMetadata} is what comes back on submission (Slack allows 3,000 characters). */
    public static View modal(Form form, String privateMetadata) {
        List<LayoutBlock> blocks = new ArrayList<>(BlockKitRenderer.blocks(new Message(form.title(), form.intro())));
        for (Input input : form.inputs()) {
            blocks.add(input(input));
        }
        return View.builder()
                .type("modal")
                .callbackId(form.formId())
                .title(ViewTitle.builder().type("plain_text").text(Texts.cut(Texts.displaySafe(form.title()), TITLE))
                        .build())
                .submit(ViewSubmit.builder().type("plain_text").text(Texts.cut(form.submitLabel(), TITLE)).build())
                .close(ViewClose.builder().type("plain_text").text("Cancel").build())
                .privateMetadata(privateMetadata)
                .blocks(blocks)
                .build();
    }

    /** Reads a submitted modal's values back by input id. */
    public static Map<String, String> values(ViewState state) {
        Map<String, String> values = new HashMap<>();
        if (state == null || state.getValues() == null) {
            return values;
        }
        state.getValues().forEach((blockId, actions) -> actions.forEach((actionId, value) -> {
            String v = value.getValue();
            if (value.getSelectedOption() != null) {
                v = value.getSelectedOption().getValue();
            } else if (value.getSelectedDate() != null) {
                v = value.getSelectedDate();
            } else if (value.getSelectedTime() != null) {
                v = value.getSelectedTime();
            } else if (value.getSelectedOptions() != null) {
                v = String.join(",", value.getSelectedOptions().stream().map(o -> o.getValue()).toList());
            } else if (value.getSelectedUsers() != null) {
                v = String.join(",", value.getSelectedUsers());
            } else if (value.getSelectedUser() != null) {
                v = value.getSelectedUser();
            } else if (value.getSelectedConversation() != null) {
                v = value.getSelectedConversation();
            }
            values.put(actionId, v == null ? "" : v);
        }));
        return values;
    }

    private static InputBlock input(Input input) {
        BlockElement element;
        if (input instanceof Input.Text text) {
            element = PlainTextInputElement.builder().actionId(input.id()).multiline(text.multiline())
                    .maxLength(Math.min(text.maxLength(), TEXT_INPUT_MAX))
                    .initialValue(Texts.cut(Texts.displaySafe(input.initial()),
                            Math.min(text.maxLength(), TEXT_INPUT_MAX)))
                    .placeholder(placeholder(text.placeholder())).build();
        } else if (input instanceof Input.Select select) {
            List<OptionObject> options = select.choices().subList(0, Math.min(MAX_OPTIONS, select.choices().size()))
                    .stream().map(ModalRenderer::option).toList();
            OptionObject initial = select.choices().stream().filter(c -> c.value().equals(input.initial()))
                    .findFirst().map(ModalRenderer::option).orElse(null);
            if (select.expanded() && options.size() <= MAX_RADIO_OPTIONS) {
                element = RadioButtonsElement.builder().actionId(input.id()).options(options).initialOption(initial)
                        .build();
            } else {
                element = StaticSelectElement.builder().actionId(input.id()).options(options)
                        .placeholder(placeholder("Choose…")).initialOption(initial).build();
            }
        } else if (input instanceof Input.Number number) {
            element = NumberInputElement.builder().actionId(input.id()).decimalAllowed(number.decimal())
                    .minValue(number.min() == null ? null : number.min().toPlainString())
                    .maxValue(number.max() == null ? null : number.max().toPlainString())
                    .initialValue(input.initial()).build();
        } else if (input instanceof Input.Date) {
            element = DatePickerElement.builder().actionId(input.id()).initialDate(input.initial()).build();
        } else if (input instanceof Input.Time) {
            element = TimePickerElement.builder().actionId(input.id()).initialTime(input.initial()).build();
        } else if (input instanceof Input.MultiSelect multi) {
            List<OptionObject> options = multi.choices().stream().map(ModalRenderer::option).toList();
            List<String> chosen = Input.values(input.initial());
            List<OptionObject> initial = multi.choices().stream().filter(c -> chosen.contains(c.value()))
                    .map(ModalRenderer::option).toList();
            // Checkboxes show at most 10 options; a longer list becomes a multi-select menu.
            element = options.size() <= MAX_RADIO_OPTIONS
                    ? CheckboxesElement.builder().actionId(input.id()).options(options)
                            .initialOptions(initial.isEmpty() ? null : initial).build()
                    : MultiStaticSelectElement.builder().actionId(input.id()).placeholder(placeholder("Choose…"))
                            .options(options.subList(0, Math.min(MAX_OPTIONS, options.size())))
                            .initialOptions(initial.isEmpty() ? null : initial).build();
        } else if (input instanceof Input.People people) {
            List<String> initial = Input.values(input.initial());
            element = people.multiple()
                    ? MultiUsersSelectElement.builder().actionId(input.id()).placeholder(placeholder("Choose people…"))
                            .initialUsers(initial.isEmpty() ? null : initial).build()
                    : UsersSelectElement.builder().actionId(input.id()).placeholder(placeholder("Choose a person…"))
                            .initialUser(initial.isEmpty() ? null : initial.get(0)).build();
        } else {
            element = ConversationsSelectElement.builder().actionId(input.id())
                    .placeholder(placeholder("Choose a channel…")).initialConversation(input.initial())
                    .defaultToCurrentConversation(input.initial() == null)
                    .filter(ConversationsFilter.builder().include(List.of("public", "private"))
                            .excludeBotUsers(true).build())
                    .build();
        }
        return InputBlock.builder()
                .blockId(input.id())
                .label(BlockKitRenderer.plain(input.label(), LABEL))
                .hint(input.hint() == null ? null : BlockKitRenderer.plain(input.hint(), LABEL))
                .optional(!input.required())
                .element(element)
                .build();
    }

    private static OptionObject option(Choice choice) {
        return OptionObject.builder().text(BlockKitRenderer.plain(choice.label(), OPTION_TEXT))
                .value(Texts.cut(choice.value(), OPTION_VALUE)).build();
    }

    private static PlainTextObject placeholder(String text) {
        return text == null ? null : BlockKitRenderer.plain(text, PLACEHOLDER);
    }
}
