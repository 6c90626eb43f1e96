package io.opsbot.teams;

import io.opsbot.core.audit.Actor;
import io.opsbot.core.okr.KeyResultDraft;
import io.opsbot.core.okr.KeyResultService;
import io.opsbot.core.okr.MetricType;
import io.opsbot.core.okr.Objective;
import io.opsbot.core.okr.ObjectiveDraft;
import io.opsbot.core.okr.ObjectiveService;
import io.opsbot.core.okr.OkrCycleService;
import io.opsbot.core.testing.MutableClock;
import io.opsbot.core.tenant.UserRef;
import io.opsbot.teams.testing.FakeBotConnector.Recorded;
import io.opsbot.teams.testing.TeamsAdapterTest;
import io.opsbot.teams.testing.TeamsFixtures;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.stream.IntStream;

import static io.opsbot.teams.testing.TeamsFixtures.MEGAN_29;
import static io.opsbot.teams.testing.TeamsFixtures.MEGAN_AAD;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * OKR reports on Teams with many key results: split into cards that each stay within Teams' ~28 KB, with progress
 * rolled up (weighted) from key results and child objectives; closing an objective and a cycle through chat.
 */
class TeamsOkrReportTest extends TeamsAdapterTest {

    private static final int TEAMS_CARD_BYTES = 28 * 1024;

    @Autowired
    ObjectiveService objectives;
    @Autowired
    KeyResultService keyResults;
    @Autowired
    OkrCycleService cycles;
    @Autowired
    MutableClock clock;

    @Test
    void aReportOfSixtyKeyResultsComesInCardsWithinTeamsLimitsAndRollsUpWeightedProgress() {
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneId.of("UTC"));
        assertThat(say("okr cycle BIG " + today.minusDays(1) + " " + today.plusDays(60))).contains("Cycle BIG runs");
        UserRef megan = new UserRef(tenant, MEGAN_AAD);
        Actor actor = Actor.inChat(megan, "Megan Bowen");
        String cycleId = cycles.currentCycle(tenant).orElseThrow().getId();
        Objective parent = objectives.create(actor, new ObjectiveDraft(cycleId, "Win the market", megan, null, null));
        keyResults.create(actor, new KeyResultDraft(parent.getId(), "Launch in Spain", megan, MetricType.PERCENTAGE,
                BigDecimal.ZERO, BigDecimal.valueOf(100), BigDecimal.valueOf(100), null, null));
        Objective child = objectives.create(actor, new ObjectiveDraft(cycleId, "Grow signups", megan, "growth",
                parent.getId()));
        IntStream.rangeClosed(1, 60).forEach(i -> keyResults.create(actor, new KeyResultDraft(child.getId(),
                "Signups from channel number " + i + " with a longer title to fill the line", megan, MetricType.NUMBER,
                BigDecimal.ZERO, BigDecimal.TEN, BigDecimal.valueOf(5), "signups", null)));

        assertThat(say("okr weight " + child.reference() + " 3")).contains(child.reference() + " now counts 3×");

        connector.clear();
        send(megan("message.personal.json").text("okr report"));
        List<Recorded> parts = sent();
        assertThat(parts).isNotEmpty();
        String all = parts.stream().map(r -> r.body().toString()).reduce("", String::concat);
        for (Recorded part : parts) {
            assertThat(part.body().toString().getBytes(StandardCharsets.UTF_8).length)
                    .as("one card within Teams' limit").isLessThan(TEAMS_CARD_BYTES);
        }
        // Every key result whole: nothing cut by a platform limit.
        IntStream.rangeClosed(2, 61).forEach(n -> assertThat(all).contains("**KR-" + n + "** Signups from channel "
                + "number " + (n - 1) + " with a longer title to fill the line  `▓▓▓▓▓░░░░░ 50%` 5 signups → 10 "
                + "signups · Megan Bowen"));
        assertThat(all).doesNotContain("…");
        // (1 × 100% + 3 × 50%) / 4 = 62%: the parent rolls up its key result and its weighted child.
        assertThat(all).contains(parent.reference() + " Win the market").contains("▓▓▓▓▓▓░░░░ 62%")
                .contains("↳ **" + child.reference() + "** Grow signups  `▓▓▓▓▓░░░░░ 50%` ×3");

        assertThat(say("okr close " + child.reference())).contains("Closed " + child.reference());
        assertThat(objectives.objective(tenant, child.getId()).orElseThrow().closed()).isTrue();
        String afterClose = say("okr report");
        assertThat(afterClose).contains(parent.reference().toString()).contains("62%")
                .doesNotContain("**KR-2**").contains("↳ **" + child.reference() + "** Grow signups")
                .contains("· closed");

        assertThat(say("okr cadence biweekly")).contains("every other Friday at 15:00");
        assertThat(say("okr cadence")).contains("every other Friday");

        assertThat(say("okr cycle close BIG")).contains("Closed cycle BIG");
        assertThat(cycles.currentCycle(tenant)).isEmpty();
        assertThat(keyResults.owners(tenant)).isEmpty();
    }

    /** A fixture from Megan (the personal chat's user), in this test's tenant at the fake connector. */
    private TeamsFixtures.Activity megan(String name) {
        return fixture(name).from(MEGAN_29, "Megan Bowen", MEGAN_AAD);
    }

    /** Megan writes in her 1:1 chat; returns the bot's replies as text and cards. */
    private String say(String text) {
        int before = sent().size();
        send(megan("message.personal.json").text(text));
        return sent().stream().skip(before).map(r -> r.body().toString()).reduce("", String::concat);
    }
}
