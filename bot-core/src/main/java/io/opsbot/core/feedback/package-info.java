/** Feedback capture and triage: the model feature, to copy when adding one (see the README's Adding a feature). */
package io.opsbot.core.feedback;
