package io.opsbot.core.onboarding;

import io.opsbot.core.conversation.UserError;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Steps as typed in the track form, one per line: {@code day | title | text | link | ack | quiz}. Only the day and
 * title are needed; a field starting with http is the link, {@code ack} marks a step that must be confirmed, and
 * {@code quiz: Question? = *Right / Wrong / Wrong} adds one question whose choices are split by slashes (a star marks
 * the right one; without a star every answer is just recorded).
 */
final class TrackText {

    static final String HINT = "One step per line: day | title | text | link | ack | quiz. For example: "
            + "day 1 | Set up your laptop | Follow the IT guide | https://wiki.example.com/it | ack. "
            + "A quiz is one question with 2-5 choices split by /, the right one starred: "
            + "quiz: Where do bugs go? = *Jira / Email / Chat";

    private TrackText() {
    }

    static String format(List<OnboardingStep> steps) {
        return steps.stream().map(s -> {
            StringBuilder line = new StringBuilder(DayOffset.format(s.day()) + " | " + s.title() + " | "
                    + s.body().replace('\n', ' ').replace("|", "/"));
            if (s.link() != null) {
                line.append(" | ").append(s.link());
            }
            if (s.requiresAck()) {
                line.append(" | ack");
            }
            if (s.quiz() != null) {
                line.append(" | ").append(formatQuiz(s.quiz()));
            }
            return line.toString();
        }).collect(Collectors.joining("\n"));
    }

    private static final String QUIZ = "quiz:";

    static String formatQuiz(StepQuiz quiz) {
        List<String> choices = new ArrayList<>();
        for (int i = 0; i < quiz.choices().size(); i++) {
            choices.add((i == quiz.correct() ? "*" : "") + quiz.choices().get(i));
        }
        return QUIZ + " " + quiz.question() + " = " + String.join(" / ", choices);
    }

    /** {@code Question? = *Right / Wrong}: the question, then 2-5 choices, at most one starred. */
    static StepQuiz parseQuiz(String text, String where) {
        int equals = text.lastIndexOf('=');
        if (equals < 0) {
            throw new UserError(where + "write a quiz as quiz: Question? = *Right answer / Other / Other.");
        }
        String question = text.substring(0, equals).strip();
        if (question.isEmpty() || question.length() > StepQuiz.QUESTION_LIMIT) {
            throw new UserError(where + "the quiz needs a question of up to " + StepQuiz.QUESTION_LIMIT
                    + " characters before the =.");
        }
        List<String> choices = new ArrayList<>();
        int correct = -1;
        for (String raw : text.substring(equals + 1).split("/")) {
            String choice = raw.strip();
            if (choice.startsWith("*")) {
                if (correct >= 0) {
                    throw new UserError(where + "star only the one right answer.");
                }
                correct = choices.size();
                choice = choice.substring(1).strip();
            }
            if (choice.isEmpty() || choice.length() > StepQuiz.CHOICE_LIMIT) {
                throw new UserError(where + "each quiz choice needs 1 to " + StepQuiz.CHOICE_LIMIT
                        + " characters.");
            }
            choices.add(choice);
        }
        if (choices.size() < 2 || choices.size() > StepQuiz.CHOICES_LIMIT) {
            throw new UserError(where + "a quiz has 2 to " + StepQuiz.CHOICES_LIMIT + " choices, split by /.");
        }
        return new StepQuiz(question, choices, correct);
    }

    static List<OnboardingStep> parse(String text) {
        List<OnboardingStep> steps = new ArrayList<>();
        String[] lines = (text == null ? "" : text).split("\r?\n");
        for (int n = 0; n < lines.length; n++) {
            String line = lines[n].strip();
            if (line.isEmpty()) {
                continue;
            }
            String[] fields = line.split("\\|", -1);
            String where = "Line " + (n + 1) + ": ";
            if (fields.length < 2 || fields[1].isBlank()) {
                throw new UserError(where + "write at least the day and a title, like day 1 | Welcome.");
            }
            int day;
            try {
                day = DayOffset.parse(fields[0]);
            } catch (UserError e) {
                throw new UserError(where + e.getMessage());
            }
            String title = fields[1].strip();
            if (title.length() > OnboardingStep.TITLE_LIMIT) {
                throw new UserError(where + "the title is over " + OnboardingStep.TITLE_LIMIT + " characters.");
            }
            // A step without text may go straight on to its quiz: day 1 | Tools | quiz: ...
            boolean bodyIsQuiz = fields.length > 2 && fields[2].strip().toLowerCase(Locale.ROOT).startsWith(QUIZ);
            String body = fields.length > 2 && !bodyIsQuiz ? fields[2].strip() : "";
            String link = null;
            boolean ack = false;
            StepQuiz quiz = null;
            for (int f = bodyIsQuiz ? 2 : 3; f < fields.length; f++) {
                String field = fields[f].strip();
                if (field.isEmpty()) {
                    continue;
                }
                if (field.toLowerCase(Locale.ROOT).startsWith(QUIZ)) {
                    if (quiz != null) {
                        throw new UserError(where + "a step has one quiz question.");
                    }
                    quiz = parseQuiz(field.substring(QUIZ.length()), where);
                } else if (field.toLowerCase(Locale.ROOT).matches("ack|requires ack|acknowledge")) {
                    ack = true;
                } else if (field.matches("https?://\\S+")) {
                    link = field;
                } else {
                    throw new UserError(where + "\"" + field + "\" is neither a link (https://...), ack nor quiz: ...");
                }
            }
            steps.add(new OnboardingStep(title, body, link, day, ack, quiz));
        }
        if (steps.isEmpty()) {
            throw new UserError("Write at least one step.");
        }
        return steps;
    }
}
