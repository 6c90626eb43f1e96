package io.opsbot.core.access;

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
        settings.addArea(tenant, "sync");
        access.allows(ana, Role.ADMIN);
        access.grant(bo, Role.MANAGER);
        settings.addHoliday(tenant, LocalDate.parse("2026-12-24"));
        settings.removeArea(tenant, "other");

        assertThat(settings.feedbackAreas(tenant)).contains("sync").doesNotContain("other");
        assertThat(settings.holidays(tenant)).containsExactly(LocalDate.parse("2026-12-24"));
        assertThat(access.has(ana, Role.ADMIN)).isTrue();
        assertThat(access.has(bo, Role.MANAGER)).isTrue();
        assertThat(mongo.getCollectionName(TenantRoles.class)).isEqualTo(mongo.getCollectionName(TenantSettings.class));
    }

    @Test
    void theFirstAdminOfATenantWhoseSettingsDocumentDoesNotExistYetKeepsTheDefaultAreas() {
        access.allows(ana, Role.ADMIN);

        assertThat(settings.feedbackAreas(tenant)).contains("onboarding", "billing", "other");
    }
}
