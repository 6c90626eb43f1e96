package io.opsbot.core.feedback;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;

/** What a person told us, before it becomes an item: from typed text or from the form. */
public record FeedbackDraft(@NotBlank(message = "The summary is empty. Tell me what the feedback is.") String summary,
                            String details,
                            FeedbackType type,
                            String area,
                            String customer,
                            @Min(value = 1, message = FeedbackDraft.IMPACT_RANGE)
                            @Max(value = 5, message = FeedbackDraft.IMPACT_RANGE) Integer impact,
                            String link) {

    /** Longest summary kept as the title; longer text is kept whole in {@code details}. */
    public static final int SUMMARY_LIMIT = 150;
    /** Longest text we store, far above any platform's message limit. */
    public static final int TEXT_LIMIT = 40_000;
    static final String IMPACT_RANGE = "Impact goes from 1 (low) to 5 (critical).";
}
