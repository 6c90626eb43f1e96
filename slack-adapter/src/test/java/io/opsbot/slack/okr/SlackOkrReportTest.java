package io.opsbot.slack.okr;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.opsbot.core.audit.Actor;
import io.opsbot.core.okr.KeyResultDraft;
import io.opsbot.core.okr.KeyResultService;
import io.opsbot.core.okr.MetricType;
import io.opsbot.core.okr.Objective;
import io.opsbot.core.okr.ObjectiveDraft;
import io.opsbot.core.okr.ObjectiveService;
import io.opsbot.core.okr.OkrCycle;
import io.opsbot.core.okr.OkrCycleService;
import io.opsbot.core.tenant.TenantRef;
import io.opsbot.core.tenant.UserRef;
import io.opsbot.core.testing.MutableClock;
import io.opsbot.slack.testing.FakeSlackApi;
import io.opsbot.slack.testing.SlackAdapterTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.UUID;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An OKR report of 60 key results on Slack through /okr report: every block list within Slack's 50 blocks and every
 * section within 3,000 characters, nothing cut; the weighted roll-up; closing an objective and the cycle by command.
 */
class SlackOkrReportTest extends SlackAdapterTest {

    private static final String ADMIN = "U0ADMIN";

    @Autowired
    ObjectiveService objectives;
    @Autowired
    KeyResultService keyResults;
    @Autowired
    OkrCycleService cycles;
    @Autowired
    MutableClock clock;

    private final TenantRef tenant = TenantRef.slack(FakeSlackApi.TEAM_ID);

    @Test
    void aReportOfSixtyKeyResultsStaysWithinSlacksLimitsAndClosingTakesThingsOut() {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        String cycleName = "BIG" + tag;
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneId.of("UTC"));
        assertThat(command("report " + tag, "cycle " + cycleName + " " + today + " " + today.plusDays(60)).body())
                .contains("Cycle " + cycleName + " runs");
        OkrCycle cycle = cycles.currentCycle(tenant).orElseThrow();
        assertThat(cycle.getName()).isEqualTo(cycleName);
        try {
            UserRef admin = new UserRef(tenant, ADMIN);
            UserRef owner = new UserRef(tenant, "U0BIG" + tag);
            Actor actor = Actor.inChat(admin, "Admin");
            Objective parent = objectives.create(actor, new ObjectiveDraft(cycle.getId(), "Win " + tag, admin, null,
                    null));
            keyResults.create(actor, new KeyResultDraft(parent.getId(), "Launch " + tag, owner, MetricType.DONE,
                    null, null, BigDecimal.ONE, null, null));
            Objective child = objectives.create(actor, new ObjectiveDraft(cycle.getId(), "Grow " + tag, owner,
                    null, parent.getId()));
            var krs = IntStream.rangeClosed(1, 60).mapToObj(i -> keyResults.create(actor, new KeyResultDraft(
                    child.getId(), "Signups from channel number " + i + " with a title that fills the line", owner,
                    MetricType.NUMBER, BigDecimal.ZERO, BigDecimal.TEN, BigDecimal.valueOf(5), "signups", null)))
                    .toList();
            assertThat(command(tag, "weight " + child.reference() + " 3").body()).contains("now counts 3×");

            HttpResponse<String> report = command(tag, "report");
            JsonObject ack = JsonParser.parseString(report.body()).getAsJsonObject();
            StringBuilder all = new StringBuilder();
            checkLimits(ack.getAsJsonArray("blocks"), all);
            // Further parts, if any, come through the response_url.
            SLACK.calls("response_url").stream().filter(c -> c.body().contains(tag))
                    .forEach(c -> checkLimits(c.json().getAsJsonArray("blocks"), all));
            krs.forEach(kr -> assertThat(all).contains("*" + kr.reference() + "* " + kr.getTitle()
                    + "  `▓▓▓▓▓░░░░░ 50%` 5 signups → 10 signups"));
            assertThat(all.toString()).doesNotContain("…");
            // (1 × 100% + 3 × 50%) / 4 = 62%.
            assertThat(all).contains("*" + parent.reference() + " Win " + tag + "*  `▓▓▓▓▓▓░░░░ 62%`")
                    .contains("↳ *" + child.reference() + "* Grow " + tag + "  `▓▓▓▓▓░░░░░ 50%` ×3");

            assertThat(command(tag, "close " + child.reference()).body()).contains("Closed " + child.reference());
            String afterClose = command(tag, "report").body();
            assertThat(afterClose).contains("62%").doesNotContain(krs.get(0).reference() + "*");
            assertThat(keyResults.dueForCheckIn(owner, today)).isEmpty();
        } finally {
            assertThat(command(tag, "cycle close " + cycleName).body()).contains("Closed cycle " + cycleName);
        }
        assertThat(cycles.currentCycle(tenant).map(OkrCycle::getName)).isNotEqualTo(java.util.Optional.of(cycleName));
    }

    @Test
    void aReportOfManyObjectivesComesInNumberedPartsTheRestThroughTheResponseUrl() {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        String cycleName = "MANY" + tag;
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneId.of("UTC"));
        command(tag, "cycle " + cycleName + " " + today + " " + today.plusDays(60));
        OkrCycle cycle = cycles.currentCycle(tenant).orElseThrow();
        assertThat(cycle.getName()).isEqualTo(cycleName);
        try {
            UserRef admin = new UserRef(tenant, ADMIN);
            Actor actor = Actor.inChat(admin, "Admin");
            var created = IntStream.rangeClosed(1, 45).mapToObj(i -> {
                Objective o = objectives.create(actor, new ObjectiveDraft(cycle.getId(), "Goal " + i + " " + tag,
                        admin, null, null));
                keyResults.create(actor, new KeyResultDraft(o.getId(), "Result " + i + " " + tag, admin,
                        MetricType.DONE, null, null, BigDecimal.ZERO, null, null));
                return o;
            }).toList();

            JsonObject ack = JsonParser.parseString(command(tag, "report").body()).getAsJsonObject();
            StringBuilder all = new StringBuilder();
            checkLimits(ack.getAsJsonArray("blocks"), all);
            assertThat(ack.get("text").getAsString()).startsWith("OKR report · " + cycleName + " (1/2)");
            FakeSlackApi.Call second = SLACK.awaitCall("response_url", c -> c.body().contains("(2/2)")
                    && c.body().contains(tag));
            assertThat(second.json().get("response_type").getAsString()).isEqualTo("ephemeral");
            checkLimits(second.json().getAsJsonArray("blocks"), all);
            created.forEach(o -> assertThat(all).contains("*" + o.reference() + " " + o.getTitle() + "*"));
        } finally {
            command(tag, "cycle close " + cycleName);
        }
    }

    private static void checkLimits(JsonArray blocks, StringBuilder all) {
        assertThat(blocks.size()).as("Slack's blocks per message").isLessThanOrEqualTo(50);
        for (JsonElement block : blocks) {
            JsonObject text = block.getAsJsonObject().getAsJsonObject("text");
            if (text != null) {
                assertThat(text.get("text").getAsString().length()).as("Slack's section text").isLessThanOrEqualTo(3000);
                all.append(text.get("text").getAsString()).append('\n');
            }
        }
    }

    private HttpResponse<String> command(String tag, String text) {
        HttpResponse<String> response = slashCommand("/okr", text, "COKRBIG", ADMIN, "commands/" + tag);
        assertThat(response.statusCode()).isEqualTo(200);
        return response;
    }
}
