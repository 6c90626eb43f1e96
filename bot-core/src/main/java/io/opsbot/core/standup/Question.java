package io.opsbot.core.standup;

import java.util.List;
import java.util.Locale;
import java.util.Set;

/** One standup question. */
public record Question(String text, QuestionKind kind) {

    /** Answers to the blockers question that mean "no blockers". */
    static final Set<String> NONE = Set.of("", "no", "nope", "none", "nothing", "n/a", "na", "-", "no blockers",
            "all good", "nothing blocking", "no.", "none.", "nothing.");

    public static final List<Question> DEFAULTS = List.of(
            new Question("What did you do since the last standup?", QuestionKind.TEXT),
            new Question("What will you do today?", QuestionKind.TEXT),
            new Question("Anything blocking you?", QuestionKind.BLOCKERS));

    public static final Question MOOD = new Question("How are you feeling today, from 1 (rough) to 5 (great)?",
            QuestionKind.MOOD);

    /** Reads the questions typed one per line; the one that mentions blocking is the blockers question. */
    public static Question parse(String line) {
        String text = line.strip();
        String lower = text.toLowerCase(Locale.ROOT);
        return new Question(text, lower.contains("block") || lower.contains("imped") ? QuestionKind.BLOCKERS
                : QuestionKind.TEXT);
    }

    public boolean isBlocker(String answer) {
        return kind == QuestionKind.BLOCKERS && answer != null
                && !NONE.contains(answer.strip().toLowerCase(Locale.ROOT));
    }
}
