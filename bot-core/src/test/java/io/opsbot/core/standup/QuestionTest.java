package io.opsbot.core.standup;

import io.opsbot.core.form.FormValues;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Reading answers by kind, conditions, and what counts as a blocker. */
class QuestionTest {

    private final List<Question> qs = QuestionSyntax.parse("""
            Blocked? [yes/no]
            What blocks you? [if Blocked? = yes]
            Areas [multi: API, Web, Docs]
            Anything on docs? [if Areas = Docs]
            Focus [1-5]
            Hours [number]
            Area [choice: API, Web]
            """);

    @Test
    void readsEachKindIntoOneStoredForm() {
        assertThat(qs.get(0).read(" Y ")).isEqualTo("yes");
        assertThat(qs.get(0).read("nope")).isEqualTo("no");
        assertThat(qs.get(2).read("docs, 1,API")).isEqualTo("API, Docs");
        assertThat(qs.get(4).read("4")).isEqualTo("4");
        assertThat(qs.get(4).read("4/5")).isEqualTo("4");
        assertThat(qs.get(5).read("2.50")).isEqualTo("2.5");
        assertThat(qs.get(5).read("1,000")).isEqualTo("1000");
        assertThat(qs.get(6).read("2")).isEqualTo("Web");
        assertThat(qs.get(6).read("web")).isEqualTo("Web");
        assertThat(qs.get(6).read("")).isEmpty();
    }

    @Test
    void aWrongAnswerSaysWhatIsExpected() {
        assertThatThrownBy(() -> qs.get(0).read("maybe")).hasMessage("Answer yes or no.");
        assertThatThrownBy(() -> qs.get(6).read("3")).hasMessage("Pick one of: 1. API, 2. Web.");
        assertThatThrownBy(() -> qs.get(2).read("API, Mobile"))
                .hasMessage("Pick one or more of: 1. API, 2. Web, 3. Docs, separated by commas.");
        assertThatThrownBy(() -> qs.get(4).read("6")).hasMessage("Answer with a number from 1 to 5.");
        assertThatThrownBy(() -> qs.get(5).read("a few")).hasMessage("Answer with a number, for example 3 or 2.5.");
    }

    @Test
    void aConditionalQuestionAppliesWhenTheEarlierAnswerMatches() {
        assertThat(qs.get(1).applies(List.of("yes"))).isTrue();
        assertThat(qs.get(1).applies(List.of("no"))).isFalse();
        assertThat(qs.get(1).applies(List.of(""))).isFalse();
        assertThat(qs.get(3).applies(List.of("no", "", "API, Docs"))).isTrue();
        assertThat(qs.get(3).applies(List.of("no", "", "API"))).isFalse();
        assertThat(qs.get(0).applies(List.of())).isTrue();
    }

    @Test
    void aFormAnswerToAQuestionThatDoesNotApplyIsDroppedUnread() {
        List<Question> form = QuestionSyntax.parse("Blocked? [yes/no]\nHours lost [number] [if Blocked? = yes]");
        List<String> answers = new ArrayList<>();

        assertThat(StandupAnswerForm.read(form, new FormValues(Map.of("q0", "no", "q1", "lots")), answers)).isEmpty();
        assertThat(answers).containsExactly("no", "");
        assertThat(StandupAnswerForm.read(form, new FormValues(Map.of("q0", "yes", "q1", "lots")), new ArrayList<>()))
                .containsOnly(Map.entry("q1", "Answer with a number, for example 3 or 2.5."));
    }

    @Test
    void blockedYesWithItsFollowUpIsOneBlocker() {
        assertThat(Question.blockers(qs, List.of("yes", "Waiting for the database"))).containsExactly(1);
        assertThat(Question.blockers(qs, List.of("yes", ""))).containsExactly(0);
        assertThat(qs.get(0).blockerText("yes")).isEqualTo("Blocked? Yes");
        assertThat(Question.blockers(qs, List.of("no", ""))).isEmpty();
        assertThat(Question.blockers(Question.DEFAULTS, List.of("a", "b", "none"))).isEmpty();
        assertThat(Question.blockers(Question.DEFAULTS, List.of("a", "b", "the VPN"))).containsExactly(2);
    }

    @Test
    void typedAnswersReadAsPeopleExpect() {
        assertThat(qs.get(4).display("4")).isEqualTo("4/5");
        assertThat(qs.get(0).display("no")).isEqualTo("No");
        assertThat(qs.get(2).display("API, Docs")).isEqualTo("API, Docs");
        assertThat(qs.get(2).labelled("API, Docs")).isEqualTo("Areas: API, Docs");
        assertThat(qs.get(0).labelled("yes")).isEqualTo("Blocked? Yes");
    }
}
