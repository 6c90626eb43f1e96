package io.opsbot.core.admin;

import io.opsbot.core.access.AccessPolicy;
import io.opsbot.core.access.Role;
import io.opsbot.core.audit.Actor;
import io.opsbot.core.audit.AuditLog;
import io.opsbot.core.conversation.ConversationEngine;
import io.opsbot.core.conversation.Invoker;
import io.opsbot.core.conversation.Response;
import io.opsbot.core.message.Block;
import io.opsbot.core.message.Message;
import io.opsbot.core.tenant.TenantRef;
import io.opsbot.core.tenant.UserRef;
import io.opsbot.core.testing.CoreTest;
import io.opsbot.core.testing.Tenants;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code opsbot}: roles named and removed by admins through the engine, and the audit log read page by page. */
@CoreTest
class OpsbotCommandTest {

    @Autowired
    ConversationEngine engine;
    @Autowired
    AccessPolicy access;
    @Autowired
    AuditLog audit;

    private TenantRef tenant;
    private Invoker admin;
    private Invoker member;

    @BeforeEach
    void setUp() {
        tenant = Tenants.slack();
        admin = Tenants.direct(tenant, "U-ADMIN", "Ada Admin");
        member = Tenants.direct(tenant, "U-MO", "Mo");
        access.grant(admin.user(), Role.ADMIN);
    }

    @Test
    void anAdminNamesAndRemovesPeopleAndAnyoneSeesWhoHoldsWhat() {
        assertThat(text(engine.onCommand(admin, "opsbot", "roles add triager <@U-BO|bo> <@U-CY>")))
                .isEqualTo("✅ @U-BO is now a triager.\n✅ @U-CY is now a triager.");
        assertThat(text(engine.onCommand(admin, "opsbot", "roles add manager <@U-BO>")))
                .isEqualTo("✅ @U-BO is now a manager.");
        assertThat(text(engine.onCommand(admin, "opsbot", "roles remove triager <@U-CY>")))
                .isEqualTo("✅ @U-CY is no longer a triager.");
        assertThat(text(engine.onCommand(admin, "opsbot", "roles remove admin <@U-ADMIN>")))
                .startsWith("⚠️ @U-ADMIN is the last admin here.");

        String roles = text(engine.onCommand(member, "opsbot", ""));
        assertThat(roles).contains("Admins (everything, including roles and settings): @U-ADMIN")
                .contains("Triagers (feedback status): @U-BO")
                .contains("Managers (their teams' standups, OKRs and onboarding): @U-BO");
        assertThat(access.has(new UserRef(tenant, "U-BO"), Role.TRIAGER)).isTrue();
        assertThat(access.has(new UserRef(tenant, "U-CY"), Role.TRIAGER)).isFalse();
        assertThat(access.has(admin.user(), Role.ADMIN)).isTrue();
    }

    @Test
    void aMemberIsRefusedAndNothingChanges() {
        assertThat(text(engine.onCommand(member, "opsbot", "roles add admin <@U-MO>")))
                .isEqualTo("⚠️ Only an admin of this workspace can name triagers, managers and admins.");
        assertThat(text(engine.onCommand(member, "opsbot", "audit")))
                .isEqualTo("⚠️ Only an admin of this workspace can read the audit log.");
        assertThat(access.has(member.user(), Role.ADMIN)).isFalse();
        assertThat(audit.page(tenant, 1, 10).total()).isZero();
    }

    @Test
    void theAuditLogIsReadNewestFirstTenToAPage() {
        assertThat(text(engine.onCommand(admin, "opsbot", "audit"))).startsWith("Nothing has been changed here yet");
        IntStream.rangeClosed(1, 12).forEach(i -> audit.record(admin.actor(), "settings.areas", "feedback",
                "before " + i, "<!channel> after " + i));

        Message first = ((Response.Reply) engine.onCommand(admin, "opsbot", "audit")).message();
        Message second = ((Response.Reply) engine.onCommand(admin, "opsbot", "audit 2")).message();

        assertThat(first.summary()).isEqualTo("Audit log, page 1 of 2");
        assertThat(body(first)).contains("12 changes, newest first").contains("Ada Admin (Slack) settings.areas "
                + "feedback: before 12 → <!channel> after 12").contains("Older: /opsbot audit 2")
                .doesNotContain("after 2\n");
        assertThat(body(second)).contains("before 2 → <!channel> after 2").contains("before 1 →")
                .doesNotContain("Older");
        assertThat(text(engine.onCommand(admin, "opsbot", "audit 3"))).contains("The audit log has 2 pages");
        assertThat(text(engine.onCommand(admin, "opsbot", "audit x"))).contains("Usage:");
        assertThat(Actor.inChat(admin.user(), null).name()).isEqualTo("U-ADMIN");
    }

    @Test
    void longValuesThatBeginAlikeAreShownFromWhereTheyDiffer() {
        String areas = "onboarding, billing, reporting, integrations, mobile, performance, other";
        audit.record(admin.actor(), "settings.areas", "feedback", areas, areas + ", outsiders");
        audit.record(admin.actor(), "standup.edit", "Daily", "Daily: Mon-Fri at 09:00 (Europe/Berlin); report in C1; "
                + "participants U1 U2; managers ; 3 questions", "Daily: Mon-Fri at 10:30 (Europe/Berlin); report in "
                + "C1; participants U1 U2; managers ; 3 questions");

        String log = body(((Response.Reply) engine.onCommand(admin, "opsbot", "audit")).message());

        assertThat(log).contains("standup.edit Daily: …09:00 (Europe/Berlin); report in C1;")
                .contains("→ …10:30 (Europe/Berlin)")
                .contains("settings.areas feedback: …other → …other, outsiders");
    }

    private static String text(Response response) {
        return ((Response.Reply) response).message().summary();
    }

    /** Every block's text, one per line: what the person reads (the adapters escape it for their platform). */
    private static String body(Message message) {
        return message.blocks().stream().map(b -> b instanceof Block.Section s ? s.text().plainText()
                : b instanceof Block.Context c ? c.text().plainText() : "").collect(Collectors.joining("\n")) + "\n";
    }
}
