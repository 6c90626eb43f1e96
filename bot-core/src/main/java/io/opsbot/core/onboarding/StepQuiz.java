package io.opsbot.core.onboarding;

import java.util.List;
import java.util.Objects;

/**
 * One question on a step, with its choices; {@code correct} is the index of the right choice, or -1 when the question
 * has no right answer (a poll, "which team will you join?").
 */
public record StepQuiz(String question, List<String> choices, int correct) {

    public static final int QUESTION_LIMIT = 200;
    public static final int CHOICE_LIMIT = 75;
    public static final int CHOICES_LIMIT = 5;

    public StepQuiz {
        Objects.requireNonNull(question, "question");
        choices = List.copyOf(choices);
        if (choices.size() < 2 || choices.size() > CHOICES_LIMIT) {
            throw new IllegalArgumentException("a quiz has 2 to " + CHOICES_LIMIT + " choices");
        }
        if (correct < -1 || correct >= choices.size()) {
            throw new IllegalArgumentException("no choice " + correct);
        }
    }

    public boolean hasAnswer() {
        return correct >= 0;
    }

    /** ✅/❌ for a graded question, 💬 for one without a right answer. */
    String verdict(int picked) {
        return !hasAnswer() ? "💬" : picked == correct ? "✅" : "❌";
    }
}
