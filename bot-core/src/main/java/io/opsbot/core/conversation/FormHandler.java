package io.opsbot.core.conversation;

import io.opsbot.core.form.Form;
import io.opsbot.core.form.FormValues;

/**
 * Receives the submissions of one form. The engine first checks the values against {@link #form(FormSubmission)}
 * (required, lengths, numbers, dates, options) and calls {@link #submit} only with values that pass.
 */
public interface FormHandler {

    String formId();

    /** The form definition the submission answers; usually the same form that was shown. */
    Form form(FormSubmission submission);

    SubmissionResult submit(FormSubmission submission, FormValues values);
}
