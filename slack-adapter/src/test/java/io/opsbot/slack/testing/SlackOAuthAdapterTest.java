package io.opsbot.slack.testing;

import io.opsbot.core.testing.MongoTestServer;
import io.opsbot.core.testing.MutableClock;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Base of the tests of the bot distributed by OAuth: no bot token, the app's client id and secret, a key for the
 * stored tokens, and the fake Slack granting installs ({@code oauth.v2.access}) and checking every call's token.
 * Workspaces are installed the way a browser does it: the install page, Slack's redirect with the code and the state,
 * the state cookie.
 */
@SpringBootTest(classes = SlackTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "spring.quartz.auto-startup=false")
@ContextConfiguration(initializers = MongoTestServer.Initializer.class)
public abstract class SlackOAuthAdapterTest {

    protected static final FakeSlackApi SLACK = new FakeSlackApi();
    protected static final String CLIENT_ID = "111.222";
    protected static final String CLIENT_SECRET = "oauth-test-client-secret";
    private static final String SECRET_KEY = randomKey();
    private static final Pattern STATE_COOKIE = Pattern.compile("slack-app-oauth-state=([^;]+)");
    private static final Pattern AUTHORIZE = Pattern.compile("href=\"(https://slack\\.com/oauth/v2/authorize[^\"]+)\"");

    @LocalServerPort
    protected int port;
    @Autowired
    protected MutableClock botClock;

    protected SignedSlackRequests slack;
    protected final HttpClient http = HttpClient.newHttpClient();

    @DynamicPropertySource
    static void oauthProperties(DynamicPropertyRegistry registry) {
        registry.add("opsbot.slack.oauth.client-id", () -> CLIENT_ID);
        registry.add("opsbot.slack.oauth.client-secret", () -> CLIENT_SECRET);
        registry.add("opsbot.slack.oauth.redirect-uri", () -> "https://bot.example.com/slack/oauth_redirect");
        registry.add("opsbot.secret.key", () -> SECRET_KEY);
        registry.add("opsbot.slack.signing-secret", () -> SlackAdapterTest.SIGNING_SECRET);
        SlackAdapterTest.againstTheFake(registry, SLACK);
        registry.add("opsbot.slack.home-tab-delay", () -> "200ms");
    }

    @BeforeEach
    void connect() {
        SLACK.reset();
        SLACK.oauthClient(CLIENT_ID, CLIENT_SECRET);
        slack = new SignedSlackRequests("http://127.0.0.1:" + port + "/slack/events", SlackAdapterTest.SIGNING_SECRET,
                botClock::instant);
    }

    private static String randomKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }

    /** What a browser gets from the install page: the page, the state cookie and the authorize link in it. */
    public record InstallPage(HttpResponse<String> response, String state, String authorizeUrl) {

        public String query(String name) {
            Matcher m = Pattern.compile("[?&]" + name + "=([^&]*)").matcher(authorizeUrl);
            return m.find() ? URLDecoder.decode(m.group(1), StandardCharsets.UTF_8) : null;
        }
    }

    protected InstallPage installPage() {
        HttpResponse<String> page = get("/slack/install", null);
        assertThat(page.statusCode()).isEqualTo(200);
        Matcher cookie = STATE_COOKIE.matcher(String.join(";", page.headers().allValues("set-cookie")));
        Matcher link = AUTHORIZE.matcher(page.body());
        assertThat(cookie.find()).as("state cookie").isTrue();
        assertThat(link.find()).as("authorize link").isTrue();
        return new InstallPage(page, cookie.group(1), link.group(1).replace("&amp;", "&"));
    }

    /** Slack sending the browser back with a code and a state, the browser bringing its cookie. */
    protected HttpResponse<String> redirect(String code, String state, String cookieState) {
        return get("/slack/oauth_redirect?code=" + URLEncoder.encode(code, StandardCharsets.UTF_8) + "&state="
                + URLEncoder.encode(state, StandardCharsets.UTF_8), cookieState);
    }

    /** The whole install, as a person approving it in Slack goes through it. */
    protected void install(FakeSlackApi.Install install) {
        InstallPage page = installPage();
        SLACK.offerInstall(install);
        HttpResponse<String> done = redirect(install.code(), page.state(), page.state());
        assertThat(done.statusCode()).as(done.body()).isEqualTo(200);
        assertThat(done.body()).contains("Product Ops Bot is installed");
    }

    protected HttpResponse<String> get(String path, String cookieState) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).GET();
        if (cookieState != null) {
            request.header("Cookie", "slack-app-oauth-state=" + cookieState);
        }
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * A daily 09:00 (Europe/London) standup with these participants, reporting to {@code channel}, set up through the
     * modal by {@code admin} in workspace {@code teamId} of {@code from} (its first admin, if it has none yet).
     */
    protected void createStandup(FakeSlackApi.Workspace from, String teamId, String admin, String name, String channel,
                                 String... participants) {
        int before = SLACK.calls("views.open").size();
        assertThat(command(from, teamId, "/standup", "new", "C0ADMIN", admin).statusCode()).isEqualTo(200);
        SLACK.awaitCall("views.open", c -> SLACK.calls("views.open").size() > before);
        com.google.gson.JsonObject view = SLACK.calls("views.open").get(before).jsonParam("view").getAsJsonObject();
        ViewSubmission submission = ViewSubmission.of("standup.edit");
        if (from.orgWide()) {
            submission.inOrg(from.enterpriseId(), teamId);
        } else {
            submission.team(teamId);
        }
        HttpResponse<String> saved = slack.interaction(submission.user(admin).privateMetadata(view.get("private_metadata").getAsString())
                .plainTextInput("name", name)
                .conversationsSelect("channel", channel)
                .multiUsersSelect("participants", participants)
                .checkboxes("days", "MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY")
                .timepicker("time", "09:00")
                .staticSelect("zone_mode", "TEAM")
                .plainTextInput("zone", "Europe/London")
                .plainTextInput("questions", "What did you do yesterday?")
                .numberInput("reminder", "0")
                .numberInput("cutoff", "2")
                .json());
        assertThat(saved.statusCode()).isEqualTo(200);
        assertThat(saved.body()).doesNotContain("errors");
    }

    /**
     * A slash command as Slack sends it from this workspace; for an org-wide install, from a workspace of the org
     * ({@code is_enterprise_install}).
     */
    protected HttpResponse<String> command(FakeSlackApi.Workspace from, String teamId, String command, String text,
                                           String channelId, String userId) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("team_id", teamId);
        fields.put("enterprise_id", from.enterpriseId() == null ? "" : from.enterpriseId());
        fields.put("is_enterprise_install", String.valueOf(from.orgWide()));
        fields.put("channel_id", channelId);
        fields.put("user_id", userId);
        fields.put("command", command);
        fields.put("text", text);
        fields.put("response_url", SLACK.responseUrl("commands/" + teamId + "/" + userId));
        return slack.slashCommand(fields);
    }
}
