package io.opsbot.core.okr;

import io.opsbot.core.conversation.UserError;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.math.BigDecimal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Progress math, bars and the bounds rule, without Spring. */
class ProgressTest {

    @ParameterizedTest(name = "{0} {1}->{2} at {3} = {4}%")
    @CsvSource({
            // increasing
            "NUMBER, 0, 100, 40, 40, ▓▓▓▓░░░░░░ 40%",
            "NUMBER, 100, 500, 100, 0, ░░░░░░░░░░ 0%",
            "NUMBER, 100, 500, 300, 50, ▓▓▓▓▓░░░░░ 50%",
            "NUMBER, 100, 500, 500, 100, ▓▓▓▓▓▓▓▓▓▓ 100%",
            "NUMBER, 100, 500, 650, 100, ▓▓▓▓▓▓▓▓▓▓ 100%",
            "NUMBER, 100, 500, 40, 0, ░░░░░░░░░░ 0%",
            "CURRENCY, 10000, 50000, 20000, 25, ▓▓░░░░░░░░ 25%",
            "NUMBER, -10, 30, 0, 25, ▓▓░░░░░░░░ 25%",
            "NUMBER, 0, 3, 2, 66, ▓▓▓▓▓▓░░░░ 66%",
            // decreasing: cut churn from 5% to 3%
            "PERCENTAGE, 5, 3, 5, 0, ░░░░░░░░░░ 0%",
            "PERCENTAGE, 5, 3, 4, 50, ▓▓▓▓▓░░░░░ 50%",
            "PERCENTAGE, 5, 3, 3.4, 80, ▓▓▓▓▓▓▓▓░░ 80%",
            "PERCENTAGE, 5, 3, 3, 100, ▓▓▓▓▓▓▓▓▓▓ 100%",
            "PERCENTAGE, 5, 3, 2.5, 100, ▓▓▓▓▓▓▓▓▓▓ 100%",
            "PERCENTAGE, 5, 3, 5.5, 0, ░░░░░░░░░░ 0%",
            "NUMBER, 120, 20, 95, 25, ▓▓░░░░░░░░ 25%",
            // done / not done
            "DONE, 0, 1, 0, 0, ░░░░░░░░░░ 0%",
            "DONE, 0, 1, 1, 100, ▓▓▓▓▓▓▓▓▓▓ 100%",
    })
    void progressIsTheShareOfTheWayFromStartToTargetClamped(MetricType metric, BigDecimal start, BigDecimal target,
                                                            BigDecimal current, int percent, String bar) {
        double fraction = Progress.fraction(metric, start, target, current);

        assertThat(Progress.percent(fraction)).isEqualTo(percent);
        assertThat(Progress.bar(fraction)).isEqualTo(bar);
    }

    @Test
    void valuesAreReadWithTheirUnitsAndShownTheSameWay() {
        KeyResult arr = kr(MetricType.CURRENCY, "0", "100000", "$");
        KeyResult signups = kr(MetricType.NUMBER, "100", "500", "signups");
        KeyResult churn = kr(MetricType.PERCENTAGE, "5", "3", null);
        KeyResult launch = kr(MetricType.DONE, "0", "1", null);

        assertThat(MetricValues.parse(arr, "$1,200")).isEqualByComparingTo("1200");
        assertThat(MetricValues.parse(signups, "250 signups")).isEqualByComparingTo("250");
        assertThat(MetricValues.parse(churn, "4.2%")).isEqualByComparingTo("4.2");
        assertThat(MetricValues.parse(launch, "Done")).isEqualByComparingTo("1");
        assertThat(MetricValues.parse(launch, "not yet")).isEqualByComparingTo("0");
        assertThat(MetricValues.format(arr, new BigDecimal("12500.5"))).isEqualTo("$12,500.5");
        assertThat(MetricValues.format(signups, new BigDecimal("1250"))).isEqualTo("1,250 signups");
        assertThat(MetricValues.format(churn, new BigDecimal("4.20"))).isEqualTo("4.2%");
        assertThat(MetricValues.format(launch, BigDecimal.ONE)).isEqualTo("done");
    }

    @Test
    void theBoundsRuleRefusesTyposButNotRealOvershoots() {
        KeyResult churn = kr(MetricType.PERCENTAGE, "5", "3", null);
        KeyResult arr = kr(MetricType.CURRENCY, "0", "100000", "$");
        KeyResult nps = kr(MetricType.NUMBER, "-10", "30", null);

        assertThat(MetricValues.range(churn)).isEqualTo(new MetricValues.Range(BigDecimal.ZERO, new BigDecimal("25")));
        assertThat(MetricValues.range(arr).max()).isEqualByComparingTo("1100000");
        assertThat(MetricValues.range(arr).min()).isEqualByComparingTo("0");
        assertThat(MetricValues.range(nps).min()).isEqualByComparingTo("-410");
        assertThat(MetricValues.parse(arr, "180000")).as("an overshoot is fine").isEqualByComparingTo("180000");
        assertThat(MetricValues.parse(churn, "0")).isEqualByComparingTo("0");

        assertThatThrownBy(() -> MetricValues.parse(churn, "42")).isInstanceOf(UserError.class)
                .hasMessage("42% is outside what KR-1 can be: enter a value from 0% to 25% (it goes from 5% to 3%).");
        assertThatThrownBy(() -> MetricValues.parse(arr, "-5")).isInstanceOf(UserError.class)
                .hasMessageContaining("from $0 to $1,100,000");
        assertThatThrownBy(() -> MetricValues.parse(arr, "12000000")).isInstanceOf(UserError.class);
        assertThatThrownBy(() -> MetricValues.parse(churn, "about four")).isInstanceOf(UserError.class)
                .hasMessage("\"about four\" is not a number. Enter the value of KR-1 as a number, e.g. 4.5.");
        assertThatThrownBy(() -> MetricValues.parse(churn, "4.2.1")).isInstanceOf(UserError.class);
        assertThatThrownBy(() -> MetricValues.parse(kr(MetricType.DONE, "0", "1", null), "half"))
                .isInstanceOf(UserError.class).hasMessageContaining("answer done or not done");
    }

    @Test
    void confidencesAreReadFromWordsColoursAndNumbers() {
        assertThat(Confidence.parse("On Track")).contains(Confidence.ON_TRACK);
        assertThat(Confidence.parse("at-risk")).contains(Confidence.AT_RISK);
        assertThat(Confidence.parse("red")).contains(Confidence.OFF_TRACK);
        assertThat(Confidence.parse("3")).contains(Confidence.OFF_TRACK);
        assertThat(Confidence.parse("maybe")).isEmpty();
        assertThat(Confidence.OFF_TRACK.worseThan(Confidence.AT_RISK)).isTrue();
        assertThat(Confidence.ON_TRACK.worseThan(Confidence.AT_RISK)).isFalse();
    }

    static KeyResult kr(MetricType metric, String start, String target, String unit) {
        KeyResultDraft draft = new KeyResultDraft("o", "Key result", null, metric, new BigDecimal(start),
                new BigDecimal(target), new BigDecimal(start), unit, null);
        return new KeyResult(io.opsbot.core.tenant.TenantRef.slack("T1"), 1, "c", draft, null, java.time.Instant.EPOCH);
    }
}
