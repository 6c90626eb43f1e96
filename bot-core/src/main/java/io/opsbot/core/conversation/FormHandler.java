package io.opsbot.core.conversation;

import io.opsbot.core.access.Permission;
import io.opsbot.core.form.Form;
import io.opsbot.core.form.FormValues;

/**
 * Receives the submissions of one form. The engine first checks that the person may submit it ({@link #permission()}),
 * then the values against {@link #form(FormSubmission)} (required, lengths, numbers, dates, options), and calls
 * {@link #submit} only with values that pass.
 */
public interface FormHandler {

    String formId();

    /** Who may submit it; anyone unless a form says otherwise (a submission can be crafted by anyone). */
    default Permission permission() {
        return Permission.ANYONE;
    }

    /** The form definition the submission answers; usually the same form that was shown. */
    Form form(FormSubmission submission);

    SubmissionResult submit(FormSubmission submission, FormValues values);
}
