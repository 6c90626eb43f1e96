package io.opsbot.core.feedback;

import io.opsbot.core.access.Permission;
import io.opsbot.core.conversation.FormHandler;
import io.opsbot.core.conversation.FormSubmission;
import io.opsbot.core.conversation.InputError;
import io.opsbot.core.conversation.SubmissionResult;
import io.opsbot.core.form.Form;
import io.opsbot.core.form.FormValues;
import io.opsbot.core.message.Message;

import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * A Jira or Trello form: who may submit it, the form the submission is checked against, and what it does; an
 * {@link InputError} (a refusal by Jira or Trello, a key that does not exist) goes back under the input it concerns.
 */
final class TrackerFormHandler implements FormHandler {

    private final String id;
    private final Permission permission;
    private final Function<FormSubmission, Form> form;
    private final BiFunction<FormSubmission, FormValues, Message> submitted;

    TrackerFormHandler(String id, Permission permission, Function<FormSubmission, Form> form,
                       BiFunction<FormSubmission, FormValues, Message> submitted) {
        this.id = id;
        this.permission = permission;
        this.form = form;
        this.submitted = submitted;
    }

    @Override
    public String formId() {
        return id;
    }

    @Override
    public Permission permission() {
        return permission;
    }

    @Override
    public Form form(FormSubmission submission) {
        return form.apply(submission);
    }

    @Override
    public SubmissionResult submit(FormSubmission submission, FormValues values) {
        try {
            return new SubmissionResult.Accepted(submitted.apply(submission, values));
        } catch (InputError e) {
            return new SubmissionResult.Rejected(Map.of(e.field(), e.getMessage()));
        }
    }
}
