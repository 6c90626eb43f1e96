package io.opsbot.dashboard.browser;

import io.opsbot.core.access.Role;
import io.opsbot.core.feedback.FeedbackItem;
import io.opsbot.core.feedback.FeedbackRepository;
import io.opsbot.core.feedback.FeedbackStatus;
import io.opsbot.core.feedback.FeedbackType;
import io.opsbot.core.tenant.TenantRef;
import io.opsbot.core.tenant.UserRef;
import io.opsbot.core.testing.Tenants;
import io.opsbot.dashboard.testing.Browser;
import io.opsbot.dashboard.testing.DashboardTest;
import io.opsbot.dashboard.testing.OpenIdProvider;
import io.opsbot.dashboard.testing.Seed;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A triager signs in with Slack in a real (headless) Chromium, filters the board, changes a status, sees the charts
 * drawn, exports the filtered board (fetched with the browser's session), and looks at every page; screenshots go to {@code target/screenshots}. One app
 * and one browser for the class; the steps run in order as one person's visit.
 */
@DashboardTest
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DashboardBrowserTest {

    private static ChromeDriver browser;
    private static TenantRef tenant;
    private static UserRef triager;

    @LocalServerPort
    int port;
    @Autowired
    Seed seed;
    @Autowired
    FeedbackRepository feedback;

    @BeforeAll
    static void startBrowser() {
        Browser.assumeInstalled();
        browser = Browser.start();
        tenant = Tenants.slack();
        triager = new UserRef(tenant, "U0TRIAGE");
    }

    @AfterAll
    static void stopBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    private String url(String path) {
        return "http://localhost:" + port + path;
    }

    private WebDriverWait waiting() {
        return new WebDriverWait(browser, Duration.ofSeconds(15));
    }

    @Test
    @Order(1)
    void signsInWithSlack() {
        seed.board(tenant);
        seed.grant(triager, Role.ADMIN);
        seed.okrs(triager, "Tess Triager");
        seed.standups(triager, List.of(new UserRef(tenant, "U100"), new UserRef(tenant, "U101"),
                new UserRef(tenant, "U102")), List.of("Ana", "Bo", "Cy"));
        seed.onboardingAndTraining(triager, "Tess Triager", new UserRef(tenant, "U200"),
                List.of(new UserRef(tenant, "U100"), new UserRef(tenant, "U101"), new UserRef(tenant, "U102")));

        browser.get(url("/dashboard/feedback"));
        waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("signin-slack")));
        Browser.screenshot(browser, "01-sign-in");
        OpenIdProvider.nextSlack(tenant.tenantId(), triager.userId(), "Tess Triager");
        browser.findElement(By.id("signin-slack")).click();

        waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("board")));
        assertThat(browser.getCurrentUrl()).contains("/dashboard/feedback");
        assertThat(browser.findElement(By.className("who")).getText()).contains("Tess Triager").contains("Admin");
        assertThat(browser.findElement(By.id("total")).getText()).isEqualTo("40");
    }

    @Test
    @Order(2)
    void drawsTheTrendCharts() {
        waitForChart("trend-area");
        waitForChart("trend-type");
        assertThat(paintedPixels("trend-area")).as("pixels drawn on the by-area chart").isGreaterThan(2_000);
        assertThat(paintedPixels("trend-type")).as("pixels drawn on the by-type chart").isGreaterThan(2_000);
        Browser.screenshot(browser, "02-feedback-board");
    }

    @Test
    @Order(3)
    void filtersTheBoard() {
        new Select(browser.findElement(By.name("area"))).selectByValue("billing");
        waiting().until(d -> d.getCurrentUrl().contains("area=billing"));
        new Select(browser.findElement(By.name("type"))).selectByValue("BUG");
        waiting().until(d -> d.getCurrentUrl().contains("type=BUG"));
        long expected = feedback.findAll().stream().filter(i -> i.getTenant().equals(tenant))
                .filter(i -> "billing".equals(i.getArea()) && i.getType() == FeedbackType.BUG).count();
        waiting().until(d -> d.findElement(By.id("total")).getText().equals(String.valueOf(expected)));
        List<WebElement> rows = browser.findElements(By.cssSelector("#board tbody tr"));
        assertThat(rows).hasSize((int) expected).allSatisfy(row -> assertThat(row.getText()).contains("#billing"));
        waitForChart("trend-area");
        assertThat(paintedPixels("trend-area")).isGreaterThan(500);

        browser.findElement(By.name("q")).sendKeys("zapier");
        waiting().until(d -> d.getCurrentUrl().contains("q=zapier"));
        waiting().until(d -> d.findElement(By.id("total")).getText().equals("2"));
        assertThat(browser.findElements(By.cssSelector("#board tbody tr")))
                .allSatisfy(r -> assertThat(r.getText()).contains("Zapier"));
        Browser.screenshot(browser, "03-board-filtered");
    }

    @Test
    @Order(4)
    void changesAStatus() {
        // The filter typed before may still swap the table in (one request per key): a row gone stale is found again.
        Map.Entry<String, WebElement> chosen = waiting().ignoring(StaleElementReferenceException.class).until(d -> {
            WebElement row = d.findElement(By.cssSelector("#board tbody tr"));
            String shown = row.findElement(By.className("ref")).getText();
            new Select(row.findElement(By.cssSelector("select.status"))).selectByValue("PLANNED");
            return Map.entry(shown, row);
        });
        String ref = chosen.getKey();
        waiting().until(d -> feedback.findAll().stream()
                .filter(i -> i.getTenant().equals(tenant) && i.reference().toString().equals(ref))
                .anyMatch(i -> i.getStatus() == FeedbackStatus.PLANNED));
        FeedbackItem item = feedback.findAll().stream()
                .filter(i -> i.getTenant().equals(tenant) && i.reference().toString().equals(ref)).findFirst()
                .orElseThrow();
        assertThat(item.getHistory()).last().satisfies(change -> {
            assertThat(change.to()).isEqualTo(FeedbackStatus.PLANNED);
            assertThat(change.by()).isEqualTo(triager);
        });
        // The row is swapped for the server's answer: the new row shows the stored status.
        waiting().until(ExpectedConditions.stalenessOf(chosen.getValue()));
        waiting().ignoring(StaleElementReferenceException.class).until(d -> "PLANNED".equals(new Select(
                d.findElement(By.id("row-" + ref)).findElement(By.cssSelector("select.status")))
                .getFirstSelectedOption().getAttribute("value")));
    }

    /** The export link follows the filter htmx put in the address; the browser's own session fetches the file. */
    @Test
    @Order(5)
    void exportsTheFilteredBoard() {
        String href = browser.findElement(By.id("export")).getAttribute("href");
        assertThat(href).contains("area=billing").contains("type=BUG").contains("q=zapier");
        Object csv = browser.executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                fetch(document.getElementById('export').href, {credentials: 'same-origin'})
                    .then(r => r.text().then(body => done(r.status + '\\n' + r.headers.get('content-type')
                        + '\\n' + body)))
                    .catch(e => done('failed ' + e));""");
        List<String> lines = List.of(String.valueOf(csv).split("\\r?\\n"));
        assertThat(lines.get(0)).isEqualTo("200");
        assertThat(lines.get(1)).startsWith("text/csv");
        assertThat(lines.get(2).replace("\uFEFF", "")).startsWith("ID,Summary,Details,Type,Area");
        assertThat(lines.subList(3, lines.size())).hasSize(2)
                .allSatisfy(row -> assertThat(row).contains("Zapier").contains("billing"));
    }

    @Test
    @Order(6)
    void showsEveryPage() {
        for (String[] page : List.of(new String[] {"/dashboard/standups", "participation", "04-standups"},
                new String[] {"/dashboard/okrs", "objective-progress", "05-okrs"},
                new String[] {"/dashboard/okrs/KR-1", "kr-history", "06-key-result"},
                new String[] {"/dashboard/onboarding", "acks", "07-onboarding"})) {
            browser.get(url(page[0]));
            waitForChart(page[1]);
            assertThat(paintedPixels(page[1])).as(page[0]).isGreaterThan(1_000);
            Browser.screenshot(browser, page[2]);
        }
        browser.get(url("/dashboard/settings"));
        waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("holders-admin")));
        Browser.screenshot(browser, "08-settings");
        browser.get(url("/dashboard/audit"));
        waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("audit")));
        assertThat(browser.findElement(By.id("audit")).getText()).contains("feedback.status").contains("DASHBOARD");
        Browser.screenshot(browser, "09-audit-log");
        assertThat(browser.getPageSource()).doesNotContain(OpenIdProvider.CLIENT_SECRET);
    }

    /** Choosing a standup in the menu shows it at once (the page's script, allowed by the CSP, submits the form). */
    @Test
    @Order(7)
    void choosingAStandupShowsIt() {
        browser.get(url("/dashboard/standups"));
        new Select(browser.findElement(By.name("standup"))).selectByVisibleText("Product daily");
        waiting().until(d -> d.getCurrentUrl().contains("standup="));
        waitForChart("participation");
        assertThat(new Select(browser.findElement(By.name("standup"))).getFirstSelectedOption().getText())
                .isEqualTo("Product daily");
    }

    private void waitForChart(String id) {
        waiting().until(d -> "true".equals(d.findElement(By.id(id)).getAttribute("data-drawn")));
    }

    /** How many pixels of the canvas are not transparent: a chart drawn, not an empty box. */
    private long paintedPixels(String id) {
        Object count = browser.executeScript("""
                const canvas = document.getElementById(arguments[0]);
                const data = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
                let painted = 0;
                for (let i = 3; i < data.length; i += 4) { if (data[i] > 0) painted++; }
                return painted;""", id);
        return ((Number) count).longValue();
    }
}
