package io.opsbot.dashboard.feedback;

import io.opsbot.core.feedback.FeedbackItem;
import io.opsbot.core.feedback.FeedbackType;
import io.opsbot.core.tenant.TenantRef;
import io.opsbot.core.tenant.UserRef;
import io.opsbot.core.testing.Tenants;
import io.opsbot.dashboard.signin.Providers;
import io.opsbot.dashboard.testing.DashboardTest;
import io.opsbot.dashboard.testing.OpenIdProvider;
import io.opsbot.dashboard.testing.Seed;
import io.opsbot.dashboard.testing.WebClient;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.io.IOException;
import java.io.StringReader;
import java.net.http.HttpResponse;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The board's CSV export over HTTP: exactly the items of the filter in the address (all pages of it), only the
 * viewer's tenant, every column parseable as RFC 4180, and text a spreadsheet would run as a formula made inert.
 */
@DashboardTest
class BoardExportTest {

    @LocalServerPort
    int port;
    @Autowired
    Seed seed;

    @Test
    void exportsTheCurrentFilterOfTheViewersTenant() throws IOException {
        TenantRef tenant = Tenants.slack();
        UserRef member = new UserRef(tenant, "U0MEMBER");
        for (int i = 0; i < 30; i++) {
            // Several reporters: one person capturing 30 at once would be slowed down by the bot.
            seed.feedback(new UserRef(tenant, "U0" + (i % 6)), "Rep " + i % 6, "Invoice total rounding " + i, FeedbackType.BUG, "billing", "Acme", i % 20);
        }
        FeedbackItem formula = seed.feedback(member, "Mo", "=HYPERLINK(\"http://evil.example\",\"click\")",
                FeedbackType.BUG, "billing", "Acme, Inc. \"EU\"", 2);
        seed.feedback(member, "Mo", "Mobile login loops", FeedbackType.BUG, "mobile", "Acme", 1);
        seed.feedback(member, "Mo", "Billing page idea", FeedbackType.FEATURE_REQUEST, "billing", "Acme", 1);
        seed.feedback(new UserRef(Tenants.slack(), "U0OTHER"), "Oz", "Other tenant's billing bug", FeedbackType.BUG,
                "billing", "Acme", 1);

        WebClient client = new WebClient(port);
        OpenIdProvider.nextSlack(tenant.tenantId(), member.userId(), "Mo");
        client.signIn(Providers.SLACK);
        String board = client.get("/dashboard/feedback?area=billing&type=BUG").body();
        assertThat(board).contains("/dashboard/feedback/export.csv?area=billing&amp;type=BUG");

        HttpResponse<String> export = client.get("/dashboard/feedback/export.csv?area=billing&type=BUG");
        assertThat(export.statusCode()).isEqualTo(200);
        assertThat(export.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("text/csv"));
        assertThat(export.headers().firstValue("Content-Disposition")).hasValueSatisfying(
                disposition -> assertThat(disposition).startsWith("attachment").contains("feedback-"));
        List<CSVRecord> rows = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get()
                .parse(new StringReader(withoutBom(export.body()))).getRecords();
        // 31 billing bugs: more than a page of the board (25), all of them in the file.
        assertThat(rows).hasSize(31).allSatisfy(row -> {
            assertThat(row.get("Area")).isEqualTo("billing");
            assertThat(row.get("Type")).isEqualTo(FeedbackType.BUG.label());
            assertThat(row.get("Summary")).doesNotContain("Other tenant");
        });
        CSVRecord escaped = rows.stream().filter(r -> r.get("ID").equals(formula.reference().toString()))
                .findFirst().orElseThrow();
        assertThat(escaped.get("Summary")).isEqualTo("'=HYPERLINK(\"http://evil.example\",\"click\")");
        assertThat(escaped.get("Customers")).isEqualTo("Acme, Inc. \"EU\"");
        assertThat(escaped.get("Created (UTC)")).matches("\\d{4}-\\d{2}-\\d{2}T.*Z");

        List<CSVRecord> searched = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get()
                .parse(new StringReader(withoutBom(client.get("/dashboard/feedback/export.csv?q=rounding+29").body())))
                .getRecords();
        assertThat(searched).singleElement().satisfies(r -> assertThat(r.get("Summary"))
                .isEqualTo("Invoice total rounding 29"));
    }

    /** The file starts with a byte order mark (for Excel), which a CSV header must not include. */
    private static String withoutBom(String body) {
        assertThat(body).startsWith("\uFEFF");
        return body.substring(1);
    }
}
