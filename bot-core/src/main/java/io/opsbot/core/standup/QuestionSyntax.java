package io.opsbot.core.standup;

import io.opsbot.core.conversation.UserError;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The small syntax a standup's questions are typed in, one per line, the same in a Slack modal and a Teams card:
 * <pre>
 * What did you do yesterday?
 * Blocked? [yes/no]
 * What blocks you? [if Blocked? = yes]
 * Area [choice: API, Web, Mobile]
 * Areas [multi: API, Web]
 * Focus [1-5]
 * Hours [number]
 * (optional) Notes
 * </pre>
 * Tags in square brackets end the line; every question must be answered unless it is marked {@code (optional)} (or
 * {@code [optional]}). A condition names an earlier yes/no, choice or 1-5 question by its text (or its line number)
 * and one of its answers. A plain line that mentions blocking is the blockers question, as it always was.
 */
final class QuestionSyntax {

    static final int MAX_OPTIONS = 10;
    static final int MAX_OPTION_LENGTH = 75;
    static final String OPTIONAL = "(optional)";
    static final String TAGS = "[yes/no], [1-5], [number], [choice: A, B], [multi: A, B], [optional] or "
            + "[if Earlier question = answer]";
    /** Shown with the questions input: what can be typed. */
    static final String HINT = "One per line; all must be answered unless they start with (optional). Add a tag for "
            + "other answers than text: Blocked? [yes/no] · Mood [1-5] · Hours [number] · Area [choice: API, Web] · "
            + "Areas [multi: API, Web] · What blocks you? [if Blocked? = yes] asks only when that answer matches.";

    private QuestionSyntax() {
    }

    /** Reads the typed questions; a {@link UserError} names the line and what is wrong with it. */
    static List<Question> parse(String typed) {
        List<Question> questions = new ArrayList<>();
        List<String> lines = typed == null ? List.of() : typed.lines().map(String::strip).filter(l -> !l.isEmpty())
                .toList();
        for (String line : lines) {
            questions.add(line(questions.size() + 1, line, questions));
        }
        return questions;
    }

    private static Question line(int number, String line, List<Question> earlier) {
        String rest = line;
        boolean optional = false;
        if (rest.toLowerCase(Locale.ROOT).startsWith(OPTIONAL)) {
            optional = true;
            rest = rest.substring(OPTIONAL.length()).strip();
        }
        List<String> tags = new ArrayList<>();
        while (rest.endsWith("]")) {
            int open = rest.lastIndexOf('[');
            if (open < 0) {
                throw error(number, "a ] has no [ before it.");
            }
            tags.add(0, rest.substring(open + 1, rest.length() - 1).strip());
            rest = rest.substring(0, open).strip();
        }
        if (rest.indexOf('[') >= 0 || rest.indexOf(']') >= 0) {
            throw error(number, "tags in [brackets] go at the end of the line, each closed with ].");
        }
        String text = rest;
        if (text.isEmpty()) {
            throw error(number, "the question itself is missing; write it before the tags.");
        }
        if (text.length() > 300) {
            throw error(number, "keep each question under 300 characters.");
        }
        QuestionKind kind = null;
        List<String> choices = List.of();
        Question.Condition condition = null;
        for (String tag : tags) {
            String lower = tag.toLowerCase(Locale.ROOT);
            QuestionKind tagged = null;
            if (lower.equals("optional")) {
                optional = true;
            } else if (lower.startsWith("if ") || lower.equals("if")) {
                if (condition != null) {
                    throw error(number, "one [if ...] per question.");
                }
                condition = condition(number, tag.substring(2).strip(), earlier);
            } else if (lower.equals("yes/no") || lower.equals("yes-no") || lower.equals("yesno")) {
                tagged = QuestionKind.YES_NO;
            } else if (lower.equals("1-5") || lower.equals("scale")) {
                tagged = QuestionKind.SCALE;
            } else if (lower.equals("number")) {
                tagged = QuestionKind.NUMBER;
            } else if (lower.equals("text")) {
                tagged = QuestionKind.TEXT;
            } else if (lower.equals("blockers")) {
                tagged = QuestionKind.BLOCKERS;
            } else if (lower.startsWith("choice:") || lower.startsWith("multi:")) {
                tagged = lower.startsWith("choice:") ? QuestionKind.CHOICE : QuestionKind.MULTI;
                choices = options(number, tag.substring(tag.indexOf(':') + 1));
            } else {
                throw error(number, "[" + tag + "] is not a tag I know. Use " + TAGS + ".");
            }
            if (tagged != null) {
                if (kind != null) {
                    throw error(number, "give one kind of answer, not two.");
                }
                kind = tagged;
            }
        }
        if (kind == null) {
            kind = Question.mentionsBlocking(text) ? QuestionKind.BLOCKERS : QuestionKind.TEXT;
        }
        return new Question(text, kind, choices, !optional, condition);
    }

    private static List<String> options(int number, String list) {
        Set<String> options = new LinkedHashSet<>();
        for (String option : list.split(",")) {
            String o = option.strip();
            if (o.isEmpty()) {
                continue;
            }
            if (o.length() > MAX_OPTION_LENGTH) {
                throw error(number, "keep each option under " + MAX_OPTION_LENGTH + " characters.");
            }
            if (o.matches("\\d{1,2}")) {
                throw error(number, "options are words, not numbers (" + o + "): people may answer with an "
                        + "option's number. Use [1-5] or [number] for numbers.");
            }
            if (options.stream().anyMatch(o::equalsIgnoreCase)) {
                throw error(number, "the option " + o + " is listed twice.");
            }
            options.add(o);
        }
        if (options.size() < 2 || options.size() > MAX_OPTIONS) {
            throw error(number, "list between 2 and " + MAX_OPTIONS + " options, separated by commas, e.g. "
                    + "[choice: API, Web, Mobile].");
        }
        return List.copyOf(options);
    }

    private static Question.Condition condition(int number, String condition, List<Question> earlier) {
        int eq = condition.lastIndexOf('=');
        if (eq < 0) {
            throw error(number, "write a condition as [if Earlier question = answer], e.g. [if Blocked? = yes].");
        }
        String name = condition.substring(0, eq).strip();
        String wanted = condition.substring(eq + 1).strip();
        int index = -1;
        if (name.matches("\\d{1,2}")) {
            index = Integer.parseInt(name) - 1;
        } else {
            for (int i = 0; i < earlier.size(); i++) {
                if (comparable(earlier.get(i).text()).equals(comparable(name))) {
                    index = i;
                }
            }
        }
        if (index < 0 || index >= earlier.size() || name.isEmpty()) {
            throw error(number, "no question above is called \"" + name + "\"; a condition names a question on an "
                    + "earlier line, as it is written there.");
        }
        Question source = earlier.get(index);
        if (source.options().isEmpty()) {
            throw error(number, "a condition needs a yes/no, choice, multiple choice or 1-5 question, and \""
                    + source.text() + "\" is answered with " + (source.kind() == QuestionKind.NUMBER ? "a number"
                    : "text") + ".");
        }
        String answer = source.options().stream().filter(o -> o.equalsIgnoreCase(wanted)).findFirst()
                .orElseThrow(() -> error(number, "\"" + wanted + "\" is not an answer to \"" + source.text()
                        + "\"; use one of " + String.join(", ", source.options()) + "."));
        return new Question.Condition(index, answer);
    }

    /** Question names compared without case and trailing punctuation: "blocked" finds "Blocked?". */
    private static String comparable(String text) {
        return text.strip().toLowerCase(Locale.ROOT).replaceAll("[?:.!\\s]+$", "");
    }

    /** The questions as they are typed, to edit them again. */
    static String format(List<Question> questions) {
        List<String> lines = new ArrayList<>();
        for (Question q : questions) {
            StringBuilder line = new StringBuilder(q.isRequired() ? "" : OPTIONAL + " ").append(q.text());
            switch (q.kind()) {
                case YES_NO -> line.append(" [yes/no]");
                case SCALE -> line.append(" [1-5]");
                case NUMBER -> line.append(" [number]");
                case CHOICE -> line.append(" [choice: ").append(String.join(", ", q.choices())).append(']');
                case MULTI -> line.append(" [multi: ").append(String.join(", ", q.choices())).append(']');
                case BLOCKERS -> line.append(Question.mentionsBlocking(q.text()) ? "" : " [blockers]");
                case TEXT -> line.append(Question.mentionsBlocking(q.text()) ? " [text]" : "");
                default -> {
                }
            }
            if (q.condition() != null && q.condition().question() < questions.size()) {
                line.append(" [if ").append(questions.get(q.condition().question()).text()).append(" = ")
                        .append(q.condition().answer()).append(']');
            }
            lines.add(line.toString());
        }
        return lines.stream().collect(Collectors.joining("\n"));
    }

    private static UserError error(int line, String message) {
        return new UserError("Line " + line + ": " + message);
    }
}
