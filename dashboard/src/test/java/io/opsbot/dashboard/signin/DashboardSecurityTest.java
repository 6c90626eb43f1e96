package io.opsbot.dashboard.signin;

import io.opsbot.core.access.AccessPolicy;
import io.opsbot.core.access.Role;
import io.opsbot.core.feedback.FeedbackItem;
import io.opsbot.core.feedback.FeedbackRepository;
import io.opsbot.core.feedback.FeedbackStatus;
import io.opsbot.core.feedback.FeedbackType;
import io.opsbot.core.standup.Standup;
import io.opsbot.core.standup.StandupFixture;
import io.opsbot.core.tenant.TenantRef;
import io.opsbot.core.tenant.UserRef;
import io.opsbot.core.testing.Tenants;
import io.opsbot.dashboard.session.MongoSessionRepository;
import io.opsbot.dashboard.session.SessionConfiguration;
import io.opsbot.dashboard.testing.DashboardTest;
import io.opsbot.dashboard.testing.OpenIdProvider;
import io.opsbot.dashboard.testing.Seed;
import io.opsbot.dashboard.testing.WebClient;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.security.core.context.SecurityContext;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The dashboard's guarantees over plain HTTP, signed in at the local OpenID provider: nothing without signing in,
 * one tenant's records invisible to another (404), changes refused without the role (403) or without the CSRF token
 * (403) and then nothing changes, no development sign-in outside the local profile, the Microsoft identity mapped to the Teams tenant and user, sessions readable by a
 * second instance, and the client secret never in a page.
 */
@DashboardTest
class DashboardSecurityTest {

    @LocalServerPort
    int port;
    @Autowired
    Seed seed;
    @Autowired
    FeedbackRepository feedback;
    @Autowired
    AccessPolicy access;
    @Autowired
    MongoTemplate mongo;

    private TenantRef tenantA;
    private TenantRef tenantB;
    private UserRef triagerA;
    private UserRef memberA;
    private FeedbackItem itemA;
    private FeedbackItem itemB;

    @BeforeEach
    void twoTenants() {
        tenantA = Tenants.slack();
        tenantB = Tenants.slack();
        triagerA = new UserRef(tenantA, "U0TRIAGER");
        memberA = new UserRef(tenantA, "U0MEMBER");
        seed.grant(new UserRef(tenantA, "U0ADMIN"), Role.ADMIN);
        seed.grant(triagerA, Role.TRIAGER);
        itemA = seed.feedback(memberA, "Mo", "Tenant A's export is slow", FeedbackType.BUG, "reporting", "Acme", 1);
        for (int i = 0; i < 4; i++) {
            itemB = seed.feedback(new UserRef(tenantB, "U0B"), "Bea", "Tenant B's secret plan " + i,
                    FeedbackType.FEATURE_REQUEST, "billing", "Globex", 1);
        }
    }

    private WebClient signedIn(UserRef person, String name) {
        WebClient client = new WebClient(port);
        OpenIdProvider.nextSlack(person.tenant().tenantId(), person.userId(), name);
        HttpResponse<String> landing = client.signIn(Providers.SLACK);
        assertThat(landing.statusCode()).isEqualTo(200);
        assertThat(landing.body()).contains(name);
        return client;
    }

    @Test
    void noPageWithoutSigningIn() {
        WebClient anonymous = new WebClient(port);
        for (String path : List.of("/dashboard", "/dashboard/feedback", "/dashboard/feedback/FB-1",
                "/dashboard/feedback/export.csv", "/dashboard/standups", "/dashboard/okrs", "/dashboard/okrs/KR-1",
                "/dashboard/onboarding", "/dashboard/settings", "/dashboard/audit")) {
            HttpResponse<String> response = anonymous.getWithoutRedirects(path);
            assertThat(response.statusCode()).as(path).isEqualTo(302);
            assertThat(response.headers().firstValue("Location")).as(path).hasValueSatisfying(
                    location -> assertThat(location).endsWith("/login"));
        }
        HttpResponse<String> signIn = anonymous.get("/login");
        assertThat(signIn.statusCode()).isEqualTo(200);
        assertThat(signIn.body()).contains("Sign in with Slack").contains("Sign in with Microsoft")
                .doesNotContain("Tenant A");
        // A change without a session is refused before anything reads it.
        HttpResponse<String> post = anonymous.post("/dashboard/feedback/FB-1/status", Map.of("status", "PLANNED"));
        assertThat(post.statusCode()).isIn(302, 403);
        assertThat(feedback.findById(itemA.getId()).orElseThrow().getStatus()).isEqualTo(FeedbackStatus.NEW);
    }

    @Test
    void anotherTenantsRecordsAreNotFound() {
        WebClient triager = signedIn(triagerA, "Tia");
        String bRef = itemB.reference().toString();
        assertThat(itemB.getNumber()).isGreaterThan(itemA.getNumber());
        HttpResponse<String> page = triager.get("/dashboard/feedback/" + bRef);
        assertThat(page.statusCode()).isEqualTo(404);
        assertThat(page.body()).doesNotContain("secret plan");
        HttpResponse<String> change = triager.post("/dashboard/feedback/" + bRef + "/status",
                Map.of("status", "DECLINED"));
        assertThat(change.statusCode()).isEqualTo(404);
        assertThat(feedback.findById(itemB.getId()).orElseThrow().getStatus()).isEqualTo(FeedbackStatus.NEW);
        // The same number in the viewer's own tenant is their own item.
        HttpResponse<String> own = triager.get("/dashboard/feedback/" + itemA.reference());
        assertThat(own.statusCode()).isEqualTo(200);
        assertThat(own.body()).contains("Tenant A&#39;s export is slow").doesNotContain("secret plan");
        assertThat(triager.get("/dashboard/feedback").body()).contains("Tenant A&#39;s export is slow")
                .doesNotContain("secret plan");
        assertThat(triager.get("/dashboard/okrs/KR-999").statusCode()).isEqualTo(404);
    }

    @Test
    void aMemberCannotChangeAStatusOrARole() {
        WebClient member = signedIn(memberA, "Mo");
        assertThat(member.get("/dashboard/feedback").body()).doesNotContain("hx-post");
        HttpResponse<String> status = member.post("/dashboard/feedback/" + itemA.reference() + "/status",
                Map.of("status", "PLANNED"));
        assertThat(status.statusCode()).isEqualTo(403);
        assertThat(status.body()).contains("Only a triager or admin can change a feedback item");
        assertThat(feedback.findById(itemA.getId()).orElseThrow().getStatus()).isEqualTo(FeedbackStatus.NEW);

        HttpResponse<String> role = member.post("/dashboard/settings/roles",
                Map.of("change", "add", "role", "ADMIN", "user", memberA.userId()));
        assertThat(role.statusCode()).isEqualTo(403);
        assertThat(access.has(memberA, Role.ADMIN)).isFalse();
        assertThat(member.get("/dashboard/audit").statusCode()).isEqualTo(403);
    }

    @Test
    void everyChangeNeedsTheCsrfToken() {
        WebClient triager = signedIn(triagerA, "Tia");
        String path = "/dashboard/feedback/" + itemA.reference() + "/status";
        assertThat(triager.postWithoutCsrf(path, Map.of("status", "PLANNED")).statusCode()).isEqualTo(403);
        assertThat(feedback.findById(itemA.getId()).orElseThrow().getStatus()).isEqualTo(FeedbackStatus.NEW);

        WebClient admin = signedIn(new UserRef(tenantA, "U0ADMIN"), "Ada");
        Map<String, String> naming = Map.of("change", "add", "role", "MANAGER", "user", memberA.userId());
        assertThat(admin.postWithoutCsrf("/dashboard/settings/roles", naming).statusCode()).isEqualTo(403);
        assertThat(access.has(memberA, Role.MANAGER)).isFalse();
        assertThat(admin.postWithoutCsrf("/logout", Map.of()).statusCode()).isEqualTo(403);

        // With the token the page carries, the same changes go through and are audited as made in the dashboard.
        triager.get("/dashboard/feedback");
        assertThat(triager.post(path, Map.of("status", "PLANNED")).statusCode()).isEqualTo(302);
        assertThat(feedback.findById(itemA.getId()).orElseThrow().getStatus()).isEqualTo(FeedbackStatus.PLANNED);
        admin.get("/dashboard/settings");
        assertThat(admin.post("/dashboard/settings/roles", naming).statusCode()).isEqualTo(302);
        assertThat(access.has(memberA, Role.MANAGER)).isTrue();
        assertThat(admin.get("/dashboard/audit").body()).contains("role.add").contains("feedback.status")
                .contains("DASHBOARD");
    }

    /** Pausing a standup: its manager or an admin, their tenant's only, with the page's CSRF token. */
    @Test
    void aStandupIsPausedOnlyByItsManagerWithTheToken() {
        UserRef manager = new UserRef(tenantA, "U0LEAD");
        seed.grant(manager, Role.MANAGER);
        Standup standup = new StandupFixture(mongo).standup(tenantA, "Platform daily", manager, List.of(memberA),
                Instant.now());
        String path = "/dashboard/standups/" + standup.getId() + "/paused";
        Map<String, String> pause = Map.of("paused", "true");

        WebClient member = signedIn(memberA, "Mo");
        member.get("/dashboard/standups");
        assertThat(member.post(path, pause).statusCode()).isEqualTo(403);
        WebClient stranger = signedIn(new UserRef(tenantB, "U0B"), "Bea");
        stranger.get("/dashboard/standups");
        assertThat(stranger.post(path, pause).statusCode()).isEqualTo(404);
        WebClient lead = signedIn(manager, "Lee");
        assertThat(lead.postWithoutCsrf(path, pause).statusCode()).isEqualTo(403);
        assertThat(mongo.findById(standup.getId(), Standup.class).isPaused()).isFalse();

        lead.get("/dashboard/standups");
        assertThat(lead.post(path, pause).statusCode()).isEqualTo(302);
        assertThat(mongo.findById(standup.getId(), Standup.class).isPaused()).isTrue();
    }

    /** Outside the local profile the development sign-in does not exist: nobody becomes someone else through it. */
    @Test
    void noDevelopmentSignInOutsideTheLocalProfile() {
        WebClient member = signedIn(memberA, "Mo");
        assertThat(new WebClient(port).get("/login").body()).doesNotContain("Development sign-in")
                .doesNotContain("/login/local");
        member.get("/dashboard/feedback");
        HttpResponse<String> impersonate = member.post("/login/local",
                Map.of("platform", "SLACK", "tenant", tenantA.tenantId(), "user", "U0ADMIN", "name", "Ada"));
        assertThat(impersonate.statusCode()).isEqualTo(404);
        assertThat(member.get("/dashboard/feedback").body()).contains("Mo").doesNotContain("Ada");
        assertThat(member.get("/dashboard/audit").statusCode()).isEqualTo(403);
    }

    @Test
    void signingInWithMicrosoftIsTheTeamsPerson() {
        TenantRef entra = Tenants.teams();
        UserRef person = new UserRef(entra, "8a4f6a5e-0d6e-4c7a-9a53-1f0c2e1b7d11");
        seed.feedback(person, "Tomás", "Teams tenant's own item", FeedbackType.BUG, "mobile", null, 1);
        WebClient client = new WebClient(port);
        OpenIdProvider.nextMicrosoft(entra.tenantId(), person.userId(), "Tomás");
        HttpResponse<String> landing = client.signIn(Providers.MICROSOFT);
        assertThat(landing.statusCode()).isEqualTo(200);
        assertThat(landing.body()).contains("Tomás").contains("Microsoft Teams").contains(entra.tenantId())
                .contains("Teams tenant&#39;s own item").doesNotContain("Tenant A");
    }

    @Test
    void aSecondInstanceReadsTheSameSession() {
        WebClient client = signedIn(triagerA, "Tia");
        // Spring Session writes the id into its cookie Base64-encoded.
        String sessionId = new String(Base64.getDecoder().decode(client.cookie(SessionConfiguration.COOKIE)),
                StandardCharsets.UTF_8);
        // Another instance: its own repository over the same database.
        MongoSessionRepository other = new MongoSessionRepository(mongo, Duration.ofHours(1), Clock.systemUTC(),
                getClass().getClassLoader());
        SecurityContext context = other.findById(sessionId).getAttribute("SPRING_SECURITY_CONTEXT");
        assertThat(context.getAuthentication().getPrincipal()).isInstanceOfSatisfying(PersonHolder.class,
                holder -> assertThat(holder.person().user()).isEqualTo(triagerA));
        other.deleteById(sessionId);
        assertThat(client.getWithoutRedirects("/dashboard/feedback").statusCode()).isEqualTo(302);
    }

    @Test
    void theClientSecretIsNeverShown() {
        WebClient admin = signedIn(new UserRef(tenantA, "U0ADMIN"), "Ada");
        for (String path : List.of("/login", "/dashboard/feedback", "/dashboard/settings", "/dashboard/audit",
                "/dashboard/okrs", "/dashboard/standups", "/dashboard/onboarding")) {
            assertThat(admin.get(path).body()).as(path).doesNotContain(OpenIdProvider.CLIENT_SECRET);
        }
    }
}
