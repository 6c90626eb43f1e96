package io.opsbot.core.standup;

import io.opsbot.core.conversation.UserError;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The question syntax typed at set-up: kinds, optional, conditions, the errors, and editing it back. */
class QuestionSyntaxTest {

    static final String TYPED = """
            What did you do yesterday?
            Blocked? [yes/no]
            What blocks you? [if Blocked? = yes]
            Area [choice: API, Web, Mobile]
            (optional) Areas touched [multi: API, Web, Docs]
            Focus [1-5]
            Hours [number] [optional]
            Anything for the API team? [if area = api]
            """;

    @Test
    void readsEveryKindOptionalAndConditions() {
        List<Question> qs = QuestionSyntax.parse(TYPED);

        assertThat(qs).extracting(Question::kind).containsExactly(QuestionKind.TEXT, QuestionKind.YES_NO,
                QuestionKind.BLOCKERS, QuestionKind.CHOICE, QuestionKind.MULTI, QuestionKind.SCALE,
                QuestionKind.NUMBER, QuestionKind.TEXT);
        assertThat(qs).extracting(Question::text).containsExactly("What did you do yesterday?", "Blocked?",
                "What blocks you?", "Area", "Areas touched", "Focus", "Hours", "Anything for the API team?");
        assertThat(qs).extracting(Question::isRequired).containsExactly(true, true, true, true, false, true, false,
                true);
        assertThat(qs.get(3).choices()).containsExactly("API", "Web", "Mobile");
        assertThat(qs.get(2).condition()).isEqualTo(new Question.Condition(1, "yes"));
        // Names match without case or trailing punctuation; the answer is stored as the option is written.
        assertThat(qs.get(7).condition()).isEqualTo(new Question.Condition(3, "API"));
        assertThat(QuestionSyntax.parse("Blocked? [yes/no]\nWhy? [if 1 = no]").get(1).condition())
                .isEqualTo(new Question.Condition(0, "no"));
    }

    @Test
    void plainLinesAreAsBefore() {
        List<Question> qs = QuestionSyntax.parse("  What will you do today?  \n\n Any impediments?");
        assertThat(qs).extracting(Question::kind).containsExactly(QuestionKind.TEXT, QuestionKind.BLOCKERS);
        assertThat(qs).allMatch(q -> q.condition() == null && q.choices().isEmpty());
    }

    @Test
    void editingShowsTheSameSyntaxBack() {
        List<Question> qs = QuestionSyntax.parse(TYPED);
        String shown = QuestionSyntax.format(qs);

        assertThat(shown).contains("Blocked? [yes/no]", "What blocks you? [if Blocked? = yes]",
                "(optional) Areas touched [multi: API, Web, Docs]", "(optional) Hours [number]",
                "Anything for the API team? [if Area = API]");
        assertThat(QuestionSyntax.parse(shown)).isEqualTo(qs);
    }

    @Test
    void badSyntaxNamesTheLineAndWhatIsWrong() {
        assertError("Hi\nMood [5 stars]", "Line 2: [5 stars] is not a tag I know. Use [yes/no], [1-5]");
        assertError("Area [choice: API]", "Line 1: list between 2 and 10 options");
        assertError("Area [choice: API, api]", "Line 1: the option api is listed twice.");
        assertError("Area [choice: API, Web", "Line 1: tags in [brackets] go at the end of the line");
        assertError("[yes/no]", "Line 1: the question itself is missing");
        assertError("Blocked? [yes/no] [number]", "Line 1: give one kind of answer, not two.");
        assertError("Why? [if Blocked? = yes]\nBlocked? [yes/no]", "Line 1: no question above is called \"Blocked?\"");
        assertError("Blocked? [yes/no]\nWhy? [if Blocked? yes]", "Line 2: write a condition as [if Earlier question = "
                + "answer]");
        assertError("Blocked? [yes/no]\nWhy? [if Blocked? = maybe]", "Line 2: \"maybe\" is not an answer to "
                + "\"Blocked?\"; use one of yes, no.");
        assertError("Notes\nMore? [if Notes = x]", "Line 2: a condition needs a yes/no, choice, multiple choice or "
                + "1-5 question, and \"Notes\" is answered with text.");
        assertError("Level [choice: 1, 2]", "Line 1: options are words, not numbers");
    }

    private static void assertError(String typed, String message) {
        assertThatThrownBy(() -> QuestionSyntax.parse(typed)).isInstanceOf(UserError.class)
                .hasMessageStartingWith(message);
    }
}
