package io.opsbot.core.form;

import io.opsbot.core.message.Block;

import java.util.ArrayList;
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

    /** {@code Form.builder(FORM_ID, "Share feedback").submit("Save").input(Input.text("summary")...).build()}. */
    public static Builder builder(String formId, String title) {
        return new Builder(formId, title);
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

    public static final class Builder {
        private final String formId;
        private final String title;
        private String submitLabel;
        private final List<Block> intro = new ArrayList<>();
        private final List<Input> inputs = new ArrayList<>();
        private String state = "";

        private Builder(String formId, String title) {
            this.formId = formId;
            this.title = title;
        }

        /** The submit button's label ("Submit" if not given). */
        public Builder submit(String label) {
            this.submitLabel = label;
            return this;
        }

        /** Shown above the inputs. */
        public Builder intro(Block block) {
            intro.add(block);
            return this;
        }

        public Builder input(Input.Builder<?> input) {
            inputs.add(input.build());
            return this;
        }

        /** What the handler gets back with the submission (an item being edited). */
        public Builder state(String encoded) {
            this.state = encoded;
            return this;
        }

        public Form build() {
            return new Form(formId, title, submitLabel, intro, inputs, state, Map.of());
        }
    }
}
