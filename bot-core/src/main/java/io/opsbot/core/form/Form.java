package io.opsbot.core.form;

import io.opsbot.core.message.Block;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A form the user fills in: a Slack modal or an Adaptive Card with inputs. {@code formId} routes the submission to its
 * {@link io.opsbot.core.conversation.FormHandler}; {@code state} is opaque context the handler gets back (a message
 * being saved as feedback, an item being edited) and must stay small (Slack allows 3,000 characters).
 * {@code errors} maps input ids to messages when the form is shown again after a rejected submission.
 */
public record Form(String formId, String title, String submitLabel, List<Block> intro, List<Input> inputs,
                   String state, Map<String, String> errors) {

    public static final int MAX_STATE_LENGTH = 3000;

    public Form {
        Objects.requireNonNull(formId, "formId");
        Objects.requireNonNull(title, "title");
        submitLabel = submitLabel == null ? "Submit" : submitLabel;
        intro = intro == null ? List.of() : List.copyOf(intro);
        inputs = List.copyOf(inputs);
        state = state == null ? "" : state;
        errors = errors == null ? Map.of() : Map.copyOf(errors);
        if (state.length() > MAX_STATE_LENGTH) {
            throw new IllegalArgumentException("form state over " + MAX_STATE_LENGTH + " characters");
        }
        if (inputs.stream().map(Input::id).distinct().count() != inputs.size()) {
            throw new IllegalArgumentException("duplicate input ids in form " + formId);
        }
    }

    public Form(String formId, String title, String submitLabel, List<Input> inputs) {
        this(formId, title, submitLabel, List.of(), inputs, "", Map.of());
    }

    public Form withState(String newState) {
        return new Form(formId, title, submitLabel, intro, inputs, newState, errors);
    }

    /** Sets initial values by input id; unknown ids are ignored. */
    public Form withValues(Map<String, String> values) {
        List<Input> filled = inputs.stream()
                .map(input -> values.containsKey(input.id()) ? input.withInitial(values.get(input.id())) : input)
                .toList();
        return new Form(formId, title, submitLabel, intro, filled, state, errors);
    }

    /** The same form filled with what was submitted and the reasons it was rejected, to show again. */
    public Form rejected(Map<String, String> submitted, Map<String, String> newErrors) {
        Form filled = withValues(submitted);
        return new Form(formId, title, submitLabel, intro, filled.inputs(), state, new LinkedHashMap<>(newErrors));
    }

    public Input input(String id) {
        return inputs.stream().filter(i -> i.id().equals(id)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no input " + id + " in form " + formId));
    }
}
