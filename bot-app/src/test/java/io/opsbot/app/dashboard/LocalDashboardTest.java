package io.opsbot.app.dashboard;

import io.opsbot.app.OpsBotApplication;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The application as README's run command starts it (the {@code local} profile, the embedded database, no identity
 * provider set up): the sign-in page offers the development sign-in, it signs a person in to the dashboard, the board
 * exports, and the bot's own endpoints stay outside the dashboard's sign-in.
 */
class LocalDashboardTest {

    private static final Pattern FORM_CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    @TempDir
    Path dataDir;

    @Test
    void theDevelopmentSignInOpensTheDashboard() throws Exception {
        try (ConfigurableApplicationContext app = new SpringApplicationBuilder(OpsBotApplication.class).run(
                "--spring.profiles.active=local", "--server.port=0", "--opsbot.embedded-mongo.data-dir=" + dataDir,
                "--spring.quartz.auto-startup=false")) {
            String base = "http://127.0.0.1:" + ((WebServerApplicationContext) app).getWebServer().getPort();
            HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager(null, CookiePolicy.ACCEPT_ALL))
                    .followRedirects(HttpClient.Redirect.NORMAL).build();

            HttpResponse<String> dashboard = get(browser, base + "/dashboard/feedback");
            assertThat(dashboard.uri().getPath()).as("sent to sign in first").isEqualTo("/login");
            assertThat(dashboard.body()).contains("Development sign-in").doesNotContain("Sign in with Slack");
            Matcher csrf = FORM_CSRF.matcher(dashboard.body());
            assertThat(csrf.find()).as("the form carries its CSRF token").isTrue();

            String form = "platform=SLACK&tenant=T0LOCAL&user=U0ME&name=" + URLEncoder.encode("Mia Local",
                    StandardCharsets.UTF_8) + "&_csrf=" + URLEncoder.encode(csrf.group(1), StandardCharsets.UTF_8);
            HttpResponse<String> signedIn = browser.send(HttpRequest.newBuilder(URI.create(base + "/login/local"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(signedIn.statusCode()).isEqualTo(200);
            assertThat(signedIn.uri().getPath()).isEqualTo("/dashboard/feedback");
            assertThat(signedIn.body()).contains("Mia Local").contains("T0LOCAL").contains("Nothing matches");

            // The export on the application's own class path (where the Teams adapter's libraries meet the CSV's).
            HttpResponse<String> export = get(browser, base + "/dashboard/feedback/export.csv?area=reporting");
            assertThat(export.statusCode()).isEqualTo(200);
            assertThat(export.body()).startsWith("\uFEFFID,Summary,Details,Type,Area");

            HttpResponse<String> health = get(HttpClient.newHttpClient(), base + "/actuator/health");
            assertThat(health.statusCode()).as("the bot's endpoints are not behind the dashboard's sign-in")
                    .isEqualTo(200);
        }
    }

    private static HttpResponse<String> get(HttpClient client, String url) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }
}
