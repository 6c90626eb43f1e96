package io.opsbot.dashboard.feedback;

import io.opsbot.core.access.Role;
import io.opsbot.core.audit.AuditEntry;
import io.opsbot.core.conversation.Invoker;
import io.opsbot.core.feedback.FeedbackItem;
import io.opsbot.core.feedback.FeedbackRepository;
import io.opsbot.core.feedback.FeedbackService;
import io.opsbot.core.feedback.FeedbackStatus;
import io.opsbot.core.feedback.FeedbackType;
import io.opsbot.core.feedback.Vote;
import io.opsbot.core.people.ProfileService;
import io.opsbot.core.tenant.TenantRef;
import io.opsbot.core.tenant.UserRef;
import io.opsbot.core.testing.Tenants;
import io.opsbot.dashboard.signin.Providers;
import io.opsbot.dashboard.testing.DashboardTest;
import io.opsbot.dashboard.testing.OpenIdProvider;
import io.opsbot.dashboard.testing.Seed;
import io.opsbot.dashboard.testing.WebClient;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Owners, votes and customers on the board over HTTP: shown on rows and the item's page, the owner filter (me or a
 * person) kept in the address and scoped to the tenant, the owner changed by a triager through the core (stored and
 * audited) and refused to a member, and the top-voted open items in vote order.
 */
@DashboardTest
class BoardOwnersAndVotesTest {

    @LocalServerPort
    int port;
    @Autowired
    Seed seed;
    @Autowired
    FeedbackService feedback;
    @Autowired
    FeedbackRepository items;
    @Autowired
    ProfileService profiles;
    @Autowired
    MongoTemplate mongo;

    private TenantRef tenant;
    private UserRef triager;
    private UserRef member;
    private UserRef ana;

    @BeforeEach
    void people() {
        tenant = Tenants.slack();
        triager = new UserRef(tenant, "U0TRIAGE");
        member = new UserRef(tenant, "U0MEMBER");
        ana = new UserRef(tenant, "U0ANA");
        seed.grant(triager, Role.TRIAGER);
        profiles.seen(invoker(ana, "Ana Lopez"));
    }

    @Test
    void ownersVotesAndCustomersAreShownAndTheOwnerFilters() {
        FeedbackItem mine = seed.feedback(member, "Mo", "Exports time out", FeedbackType.BUG, "reporting", "Acme", 2);
        FeedbackItem anas = seed.feedback(member, "Mo", "Invoices lack VAT id", FeedbackType.BUG, "billing", null, 1);
        seed.feedback(member, "Mo", "Nobody owns this one", FeedbackType.BUG, "billing", null, 1);
        feedback.assign(invoker(triager, "Tia"), mine.getId(), triager);
        feedback.assign(invoker(triager, "Tia"), anas.getId(), ana);
        feedback.vote(invoker(new UserRef(tenant, "U0V1"), "Vi"), mine.getId(), "Globex", Vote.Source.COMMAND);
        feedback.vote(invoker(new UserRef(tenant, "U0V2"), "Wu"), mine.getId(), null, Vote.Source.COMMAND);
        // Another tenant's item owned by a person with the same user id: never on this board.
        TenantRef other = Tenants.slack();
        FeedbackItem foreign = seed.feedback(new UserRef(other, "U0X"), "Xe", "Other tenant's item", FeedbackType.BUG,
                "billing", null, 1);
        feedback.assign(invoker(new UserRef(other, "U0TRIAGE"), "Twin"), foreign.getId(),
                new UserRef(other, "U0TRIAGE"));

        WebClient client = signedIn(triager, "Tia");
        String board = client.get("/dashboard/feedback").body();
        String row = rowOf(board, mine);
        assertThat(row).contains("Tia").contains("Acme, Globex").containsPattern("class=\"votes\">3<");
        assertThat(rowOf(board, anas)).contains("Ana Lopez").containsPattern("class=\"votes\">1<");
        String page = client.get("/dashboard/feedback/" + mine.reference()).body();
        assertThat(page).containsPattern("id=\"owner\">Tia<").containsPattern("id=\"votes\">3<")
                .containsPattern("id=\"customers\">Acme, Globex<");

        // The filtered part of the page (the top-voted section above it ignores filters).
        String onlyMine = results(client.get("/dashboard/feedback?owner=me").body());
        assertThat(onlyMine).contains("Exports time out").doesNotContain("Invoices lack VAT id")
                .doesNotContain("Nobody owns this one").doesNotContain("Other tenant's item")
                .contains("/dashboard/feedback/export.csv?owner=me");
        String onlyAnas = results(client.get("/dashboard/feedback?owner=U0ANA&type=BUG").body());
        assertThat(onlyAnas).contains("Invoices lack VAT id").doesNotContain("Exports time out")
                .contains("/dashboard/feedback/export.csv?type=BUG&amp;owner=U0ANA");
        assertThat(client.get("/dashboard/feedback/export.csv?owner=me").body()).contains("Exports time out")
                .doesNotContain("Invoices lack VAT id");
    }

    @Test
    void aTriagerChangesTheOwnerAndAMemberIsRefused() {
        FeedbackItem item = seed.feedback(member, "Mo", "Search ignores accents", FeedbackType.BUG, "reporting",
                "Acme", 1);
        String path = "/dashboard/feedback/" + item.reference() + "/owner";

        WebClient asMember = signedIn(member, "Mo");
        asMember.get("/dashboard/feedback/" + item.reference());
        HttpResponse<String> refused = asMember.post(path, Map.of("owner", "me"));
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.body()).contains("Only a triager or admin can change a feedback item");
        assertThat(items.findById(item.getId()).orElseThrow().getOwner()).isNull();

        WebClient asTriager = signedIn(triager, "Tia");
        String page = asTriager.get("/dashboard/feedback/" + item.reference()).body();
        assertThat(page).contains("id=\"owner-form\"").contains("Ana Lopez");
        assertThat(asTriager.postWithoutCsrf(path, Map.of("owner", "U0ANA")).statusCode()).isEqualTo(403);
        assertThat(asTriager.post(path, Map.of("owner", "U0NOBODY")).statusCode()).isEqualTo(400);
        HttpResponse<String> changed = asTriager.post(path, Map.of("owner", "U0ANA"));
        assertThat(changed.statusCode()).isEqualTo(302);
        assertThat(changed.headers().firstValue("Location")).hasValueSatisfying(
                location -> assertThat(location).endsWith("/dashboard/feedback/" + item.reference()));

        FeedbackItem stored = items.findById(item.getId()).orElseThrow();
        assertThat(stored.getOwner()).isEqualTo(ana);
        assertThat(stored.getOwnerName()).isEqualTo("Ana Lopez");
        List<AuditEntry> audit = mongo.find(Query.query(Criteria.where("tenant").is(tenant)
                .and("action").is("feedback.owner")), AuditEntry.class);
        assertThat(audit).singleElement().satisfies(entry -> {
            assertThat(entry.getActor()).isEqualTo(triager);
            assertThat(entry.getVia()).isEqualTo("DASHBOARD");
            assertThat(entry.getSubject()).isEqualTo(item.reference().toString());
            assertThat(entry.getAfter()).isEqualTo("Ana Lopez");
        });
        assertThat(asTriager.post(path, Map.of("owner", "me")).statusCode()).isEqualTo(302);
        assertThat(items.findById(item.getId()).orElseThrow().getOwner()).isEqualTo(triager);
    }

    @Test
    void topVotedOpenItemsComeInVoteOrder() {
        FeedbackItem[] open = new FeedbackItem[6];
        for (int i = 0; i < open.length; i++) {
            open[i] = seed.feedback(new UserRef(tenant, "U0R" + i), "Rep " + i, "Open idea " + i,
                    FeedbackType.FEATURE_REQUEST, "reporting", null, 1);
        }
        FeedbackItem shipped = seed.feedback(member, "Mo", "Shipped idea", FeedbackType.FEATURE_REQUEST,
                "reporting", null, 1);
        int[] extraVotes = {1, 4, 0, 2, 3, 0};
        for (int i = 0; i < open.length; i++) {
            for (int v = 0; v < extraVotes[i]; v++) {
                vote(open[i], v);
            }
        }
        for (int v = 0; v < 6; v++) {
            vote(shipped, v);
        }
        feedback.changeStatus(invoker(triager, "Tia"), shipped.getId(), FeedbackStatus.SHIPPED, true);

        String board = signedIn(member, "Mo").get("/dashboard/feedback").body();
        String top = board.substring(board.indexOf("id=\"top-voted\""), board.indexOf("id=\"results\""));
        assertThat(top).doesNotContain("Shipped idea");
        List<String> order = List.of("Open idea 1", "Open idea 4", "Open idea 3", "Open idea 0");
        int last = -1;
        for (String summary : order) {
            int at = top.indexOf(summary);
            assertThat(at).as(summary).isGreaterThan(last);
            last = at;
        }
        // Five shown: the four voted for, then the newest of the two without extra votes.
        long shown = java.util.stream.IntStream.range(0, 6).filter(i -> top.contains("Open idea " + i)).count();
        assertThat(shown).isEqualTo(5);
    }

    private void vote(FeedbackItem item, int voter) {
        feedback.vote(invoker(new UserRef(tenant, "U0VOTER" + voter), "Voter " + voter), item.getId(), null,
                Vote.Source.COMMAND);
    }

    private static String results(String board) {
        return board.substring(board.indexOf("id=\"results\""));
    }

    private static String rowOf(String board, FeedbackItem item) {
        int start = board.indexOf("id=\"row-" + item.reference() + "\"");
        assertThat(start).as("row of " + item.reference()).isPositive();
        return board.substring(start, board.indexOf("</tr>", start));
    }

    private static Invoker invoker(UserRef user, String name) {
        return new Invoker(user, name, null, true, null);
    }

    private WebClient signedIn(UserRef person, String name) {
        WebClient client = new WebClient(port);
        OpenIdProvider.nextSlack(person.tenant().tenantId(), person.userId(), name);
        assertThat(client.signIn(Providers.SLACK).statusCode()).isEqualTo(200);
        return client;
    }
}
