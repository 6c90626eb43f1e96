package io.opsbot.core.standup;

import org.springframework.data.annotation.PersistenceCreator;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.IntStream;

/**
 * One standup question: its text, how it is answered ({@code choices} for a choice or multiple choice), whether it
 * may be left empty, and the earlier answer it depends on (null: always asked). Answers are stored as text in one
 * canonical form per kind (a choice's own text, several joined by ", ", "yes"/"no", a plain number), so reports,
 * history and conditions read them the same way whether they came from a form or the DM. Documents stored before
 * kinds existed hold only text and kind: they load as questions that may be left empty, as they always could.
 */
public record Question(String text, QuestionKind kind, List<String> choices, Boolean required, Condition condition) {

    /** Answers to the blockers question that mean "no blockers". */
    static final Set<String> NONE = Set.of("", "no", "nope", "none", "nothing", "n/a", "na", "-", "no blockers",
            "all good", "nothing blocking", "no.", "none.", "nothing.");
    static final List<String> YES_NO = List.of("yes", "no");
    static final int SCALE_MAX = 5;

    /** What a new standup asks; answered, as every question is unless marked optional. */
    public static final List<Question> DEFAULTS = List.of(
            new Question("What did you do since the last standup?", QuestionKind.TEXT, List.of(), true, null),
            new Question("What will you do today?", QuestionKind.TEXT, List.of(), true, null),
            new Question("Anything blocking you?", QuestionKind.BLOCKERS, List.of(), true, null));

    public static final Question MOOD = new Question("How are you feeling today, from 1 (rough) to 5 (great)?",
            QuestionKind.MOOD);

    /** Shown only when the answer to question {@code question} (0-based, an earlier one) is {@code answer}. */
    public record Condition(int question, String answer) {
    }

    /** Why a typed or submitted answer was not taken. */
    static final class Rejected extends RuntimeException {
        Rejected(String message) {
            super(message, null, false, false);
        }
    }

    @PersistenceCreator
    public Question {
        kind = kind == null ? QuestionKind.TEXT : kind;
        choices = choices == null ? List.of() : List.copyOf(choices);
        required = required != null && required;
    }

    /** A question as stored before kinds: may be left empty. */
    public Question(String text, QuestionKind kind) {
        this(text, kind, List.of(), false, null);
    }

    public boolean isRequired() {
        return Boolean.TRUE.equals(required);
    }

    /** The options a person picks from, in order (empty for text and number). */
    public List<String> options() {
        return switch (kind) {
            case CHOICE, MULTI -> choices;
            case YES_NO -> YES_NO;
            case SCALE, MOOD -> IntStream.rangeClosed(1, SCALE_MAX).mapToObj(String::valueOf).toList();
            default -> List.of();
        };
    }

    /**
     * Reads an answer (typed in the DM, or a form's value) into its stored form; blank stays blank. A choice is taken
     * by its text (any case) or its number in the list; several are separated by commas.
     *
     * @throws Rejected with a message saying what is expected
     */
    String read(String raw) {
        String value = raw == null ? "" : raw.strip();
        if (value.isEmpty()) {
            return "";
        }
        return switch (kind) {
            case TEXT, BLOCKERS -> value;
            case CHOICE -> pick(value).orElseThrow(() -> new Rejected("Pick one of: " + numbered() + "."));
            case MULTI -> {
                List<String> picked = new ArrayList<>();
                for (String part : value.split(",")) {
                    if (part.isBlank()) {
                        continue;
                    }
                    String option = pick(part.strip()).orElseThrow(() -> new Rejected(
                            "Pick one or more of: " + numbered() + ", separated by commas."));
                    if (!picked.contains(option)) {
                        picked.add(option);
                    }
                }
                // Kept in the list's order, so the same picks always read the same.
                yield String.join(", ", choices.stream().filter(picked::contains).toList());
            }
            case YES_NO -> switch (value.toLowerCase(Locale.ROOT)) {
                case "yes", "y", "yeah", "yep", "true" -> "yes";
                case "no", "n", "nope", "false" -> "no";
                default -> throw new Rejected("Answer yes or no.");
            };
            case SCALE, MOOD -> {
                String digits = value.endsWith("/5") ? value.substring(0, value.length() - 2).strip() : value;
                if (!digits.matches("[1-5]")) {
                    throw new Rejected("Answer with a number from 1 to " + SCALE_MAX + ".");
                }
                yield digits;
            }
            case NUMBER -> {
                try {
                    BigDecimal number = new BigDecimal(value.replace(",", "").replace(" ", ""));
                    yield number.stripTrailingZeros().toPlainString();
                } catch (NumberFormatException e) {
                    throw new Rejected("Answer with a number, for example 3 or 2.5.");
                }
            }
        };
    }

    private Optional<String> pick(String value) {
        List<String> options = options();
        if (value.matches("\\d{1,2}")) {
            int n = Integer.parseInt(value);
            if (kind == QuestionKind.CHOICE || kind == QuestionKind.MULTI) {
                return n >= 1 && n <= options.size() ? Optional.of(options.get(n - 1)) : Optional.empty();
            }
        }
        return options.stream().filter(o -> o.equalsIgnoreCase(value)).findFirst();
    }

    /** "1. API, 2. Web, 3. Mobile". */
    String numbered() {
        List<String> options = options();
        return String.join(", ", IntStream.range(0, options.size()).mapToObj(i -> (i + 1) + ". " + options.get(i))
                .toList());
    }

    /** Whether this question is asked, given the answers before it (in stored form). */
    boolean applies(List<String> answers) {
        if (condition == null) {
            return true;
        }
        String earlier = condition.question() < answers.size() ? answers.get(condition.question()) : "";
        if (earlier == null || earlier.isBlank()) {
            return false;
        }
        return Arrays.stream(earlier.split(", ")).anyMatch(a -> a.equalsIgnoreCase(condition.answer()));
    }

    /** Whether a stored answer reports a blocker: any real answer to the blockers question, or yes to "Blocked?". */
    public boolean isBlocker(String answer) {
        if (answer == null) {
            return false;
        }
        return switch (kind) {
            case BLOCKERS -> !NONE.contains(answer.strip().toLowerCase(Locale.ROOT));
            case YES_NO -> mentionsBlocking(text) && "yes".equalsIgnoreCase(answer.strip());
            default -> false;
        };
    }

    /** A stored answer as people read it in reports: "4/5", "API, Web", "Yes". */
    public String display(String answer) {
        if (answer == null || answer.isBlank()) {
            return "";
        }
        return switch (kind) {
            case SCALE -> answer.strip() + "/" + SCALE_MAX;
            case YES_NO -> "yes".equalsIgnoreCase(answer.strip()) ? "Yes" : "no".equalsIgnoreCase(answer.strip())
                    ? "No" : answer;
            default -> answer.strip();
        };
    }

    /** Answered in words (text or blockers), not picked or counted. */
    boolean isTypedText() {
        return kind == QuestionKind.TEXT || kind == QuestionKind.BLOCKERS;
    }

    static boolean mentionsBlocking(String text) {
        String lower = text.toLowerCase(Locale.ROOT);
        return lower.contains("block") || lower.contains("imped");
    }

    /**
     * The answers that report blockers, by question index. "Blocked? = yes" followed by its "What blocks you?" counts
     * once, as the follow-up's text; a yes on its own counts as itself.
     */
    static List<Integer> blockers(List<Question> questions, List<String> answers) {
        List<Integer> found = new ArrayList<>();
        for (int i = 0; i < questions.size() && i < answers.size(); i++) {
            if (questions.get(i).isBlocker(answers.get(i))) {
                found.add(i);
            }
        }
        found.removeIf(i -> questions.get(i).kind() == QuestionKind.YES_NO && found.stream()
                .anyMatch(j -> questions.get(j).condition() != null && questions.get(j).condition().question() == i));
        return found;
    }

    /** How a blocker answer reads on its own: the text, or "Blocked? Yes". */
    String blockerText(String answer) {
        return kind == QuestionKind.YES_NO ? labelled(answer) : answer.strip();
    }

    /** A picked or counted answer with its question, for one-line summaries: "Blocked? Yes", "Area: Web". */
    String labelled(String answer) {
        return text + (text.endsWith("?") || text.endsWith(":") ? " " : ": ") + display(answer);
    }
}
