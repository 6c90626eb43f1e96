package io.opsbot.core.access;

import io.opsbot.core.audit.Actor;
import io.opsbot.core.audit.AuditLog;
import io.opsbot.core.settings.TenantSettings;
import io.opsbot.core.settings.TenantSettingsService;
import io.opsbot.core.tenant.TenantRef;
import io.opsbot.core.tenant.UserRef;
import io.opsbot.core.testing.CoreTest;
import io.opsbot.core.testing.Tenants;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;

import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;

/** Who holds which role, decided in one place; roles and the tenant's settings share a document without clashing. */
@CoreTest
class AccessPolicyTest {

    @Autowired
    AccessPolicy access;
    @Autowired
    TenantSettingsService settings;
    @Autowired
    MongoTemplate mongo;
    @Autowired
    AuditLog audit;

    private TenantRef tenant;
    private UserRef ana;
    private UserRef bo;

    @BeforeEach
    void freshTenant() {
        tenant = Tenants.slack();
        ana = new UserRef(tenant, "U-ANA");
        bo = new UserRef(tenant, "U-BO");
    }

    @Test
    void everyoneIsAMemberAndNobodyElseUntilTheFirstOneActs() {
        assertThat(access.has(ana, Role.MEMBER)).isTrue();
        assertThat(access.has(ana, Role.TRIAGER)).isFalse();
        assertThat(access.has(ana, Role.ADMIN)).as("has only reads").isFalse();

        assertThat(access.allows(ana, Role.TRIAGER)).as("the first to act becomes admin").isTrue();
        assertThat(access.allows(bo, Role.TRIAGER)).as("but only the first").isFalse();
        assertThat(access.has(ana, Role.ADMIN)).isTrue();
        assertThat(access.holders(tenant, Role.ADMIN)).containsExactly(ana);
    }

    @Test
    void triagersAndManagersHoldTheirRoleOnlyAndAdminsHoldEvery() {
        access.allows(ana, Role.ADMIN);
        access.grant(bo, Role.TRIAGER);

        assertThat(access.has(bo, Role.TRIAGER)).isTrue();
        assertThat(access.has(bo, Role.MANAGER)).isFalse();
        assertThat(access.has(bo, Role.ADMIN)).isFalse();
        assertThat(access.allows(bo, Role.ADMIN)).as("a tenant with an admin has no first-admin left").isFalse();
        assertThat(access.has(ana, Role.MANAGER)).isTrue();
        assertThat(access.isOwnerOr(bo, bo, Role.ADMIN)).isTrue();

        access.revoke(bo, Role.TRIAGER);
        assertThat(access.has(bo, Role.TRIAGER)).isFalse();
    }

    @Test
    void rolesAndSettingsShareTheTenantsDocumentWithoutOverwritingEachOther() {
        settings.addArea(Actor.inChat(ana, "Ana"), "sync");
        access.allows(ana, Role.ADMIN);
        access.grant(bo, Role.MANAGER);
        settings.addHoliday(Actor.inChat(ana, "Ana"), LocalDate.parse("2026-12-24"));
        settings.removeArea(Actor.inChat(ana, "Ana"), "other");

        assertThat(settings.feedbackAreas(tenant)).contains("sync").doesNotContain("other");
        assertThat(settings.holidays(tenant)).containsExactly(LocalDate.parse("2026-12-24"));
        assertThat(access.has(ana, Role.ADMIN)).isTrue();
        assertThat(access.has(bo, Role.MANAGER)).isTrue();
        assertThat(mongo.getCollectionName(TenantRoles.class)).isEqualTo(mongo.getCollectionName(TenantSettings.class));
    }

    @Test
    void namingAndRemovingPeopleIsAuditedAndTheLastAdminStays() {
        Actor first = Actor.inChat(ana, "Ana");
        assertThat(access.claimFirstAdmin(first)).isTrue();

        assertThat(access.add(first, bo, Role.TRIAGER)).isEqualTo(AccessPolicy.RoleChange.DONE);
        assertThat(access.add(first, bo, Role.TRIAGER)).isEqualTo(AccessPolicy.RoleChange.UNCHANGED);
        assertThat(access.remove(first, bo, Role.MANAGER)).isEqualTo(AccessPolicy.RoleChange.UNCHANGED);
        assertThat(access.remove(first, ana, Role.ADMIN)).as("the only admin").isEqualTo(
                AccessPolicy.RoleChange.LAST_ADMIN);
        assertThat(access.has(ana, Role.ADMIN)).isTrue();
        assertThat(access.add(first, bo, Role.ADMIN)).isEqualTo(AccessPolicy.RoleChange.DONE);
        assertThat(access.remove(Actor.inChat(bo, "Bo"), ana, Role.ADMIN)).isEqualTo(AccessPolicy.RoleChange.DONE);
        assertThat(access.remove(Actor.inChat(bo, "Bo"), bo, Role.ADMIN)).as("now Bo is the last")
                .isEqualTo(AccessPolicy.RoleChange.LAST_ADMIN);

        assertThat(access.holders(tenant, Role.ADMIN)).containsExactly(bo);
        assertThat(access.has(bo, Role.TRIAGER)).isTrue();
        assertThat(audit.page(tenant, 1, 10).entries()).extracting(e -> e.getAction() + " " + e.getSubject() + " "
                        + e.getBefore() + "->" + e.getAfter() + " by " + e.getActorName())
                .containsExactly("role.remove U-ANA admin->null by Bo", "role.add U-BO null->admin by Ana",
                        "role.add U-BO null->triager by Ana", "role.first-admin U-ANA null->admin by Ana");
    }

    @Test
    void aRecordIsChangedByItsOwnersItsManagersHoldingTheRoleAndAdmins() {
        UserRef cy = new UserRef(tenant, "U-CY");
        UserRef dee = new UserRef(tenant, "U-DEE");
        access.claimFirstAdmin(Actor.inChat(ana, "Ana"));
        access.grant(cy, Role.MANAGER);
        Stewards keyResult = Stewards.ownedBy("KR-1", java.util.List.of(bo), java.util.List.of(cy, dee));

        assertThat(access.mayChange(bo, keyResult)).as("its owner, a member").isTrue();
        assertThat(access.mayChange(cy, keyResult)).as("its manager, holding the role").isTrue();
        assertThat(access.mayChange(dee, keyResult)).as("named, but no manager").isFalse();
        assertThat(access.mayChange(ana, keyResult)).as("an admin").isTrue();
        assertThat(access.mayChange(new UserRef(tenant, "U-EVE"), keyResult)).isFalse();
        access.grant(new UserRef(tenant, "U-EVE"), Role.MANAGER);
        assertThat(access.mayChange(new UserRef(tenant, "U-EVE"), keyResult)).as("a manager of other teams")
                .isFalse();
        assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> access.requireChange(dee, keyResult,
                "check in on it"))).isInstanceOf(AccessDenied.class)
                .hasMessage("Only the owner of KR-1, its managers and admins of this workspace can check in on it.");
    }

    @Test
    void theFirstAdminOfATenantWhoseSettingsDocumentDoesNotExistYetKeepsTheDefaultAreas() {
        access.allows(ana, Role.ADMIN);

        assertThat(settings.feedbackAreas(tenant)).contains("onboarding", "billing", "other");
    }
}
