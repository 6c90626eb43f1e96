package io.opsbot.core.feedback;

/** What a person told us, before it becomes an item: from typed text or from the form. */
public record FeedbackDraft(String summary, String details, FeedbackType type, String area, String customer,
                            Integer impact, String link) {

    /** Longest summary kept as the title; longer text is kept whole in {@code details}. */
    public static final int SUMMARY_LIMIT = 150;
    /** Longest text we store, far above any platform's message limit. */
    public static final int TEXT_LIMIT = 40_000;
}
