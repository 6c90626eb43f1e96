package io.opsbot.teams;

import io.opsbot.teams.auth.BotType;
import io.opsbot.teams.outbound.TeamsLimits;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.validation.autoconfigure.ValidationAutoConfiguration;
import org.springframework.context.annotation.Configuration;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A Teams configuration that cannot work stops the start with a message naming the variable to set. */
class TeamsPropertiesTest {

    static final String APP_ID = "0b6fe6d1-fece-44f7-9a48-56465e2d5ab8";
    static final String TENANT = "5c0a9a2e-8f0b-4d7a-9a4c-1d2e3f405061";

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(TeamsProperties.class)
    static class Properties {
    }

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ValidationAutoConfiguration.class))
            .withUserConfiguration(Properties.class);

    private BotType typeOf(String... properties) {
        BotType[] type = new BotType[1];
        runner.withPropertyValues(properties).run(context -> {
            assertThat(context).hasNotFailed();
            type[0] = context.getBean(TeamsProperties.class).botType();
        });
        return type[0];
    }

    /** The start-up failure with its causes, as the log would show it. */
    private String failure(String... properties) {
        String[] text = new String[1];
        runner.withPropertyValues(properties).run(context -> {
            assertThat(context).hasFailed();
            StringWriter out = new StringWriter();
            context.getStartupFailure().printStackTrace(new PrintWriter(out));
            text[0] = out.toString();
        });
        return text[0];
    }

    @Test
    void aBotCreatedTodayIsSingleTenantByDefault() {
        assertThat(typeOf("opsbot.teams.app-id=" + APP_ID, "opsbot.teams.app-tenant-id=" + TENANT,
                "opsbot.teams.app-password=s3cret")).isEqualTo(BotType.SINGLE_TENANT);
        assertThat(typeOf("opsbot.teams.app-id=" + APP_ID, "opsbot.teams.app-password=s3cret"))
                .as("an existing registration without a tenant id").isEqualTo(BotType.MULTI_TENANT);
        assertThat(typeOf("opsbot.teams.app-type=userassignedmsi", "opsbot.teams.app-id=" + APP_ID,
                "opsbot.teams.app-tenant-id=" + TENANT)).isEqualTo(BotType.USER_ASSIGNED_MSI);
        assertThat(typeOf()).as("no Teams credentials at all: the adapter stays shut, the app starts")
                .isEqualTo(BotType.MULTI_TENANT);
    }

    @Test
    void wrongCombinationsNameTheVariableToSet() {
        assertThat(failure("opsbot.teams.app-type=SingleTenant", "opsbot.teams.app-id=" + APP_ID,
                "opsbot.teams.app-password=s3cret")).contains("need MICROSOFT_APP_TENANT_ID");
        assertThat(failure("opsbot.teams.app-type=UserAssignedMSI", "opsbot.teams.app-id=" + APP_ID))
                .contains("need MICROSOFT_APP_TENANT_ID");
        assertThat(failure("opsbot.teams.app-id=" + APP_ID, "opsbot.teams.app-tenant-id=" + TENANT))
                .contains("needs MICROSOFT_APP_PASSWORD").contains("MICROSOFT_APP_CERTIFICATE_PATH");
        assertThat(failure("opsbot.teams.app-type=UserAssignedMSI", "opsbot.teams.app-id=" + APP_ID,
                "opsbot.teams.app-tenant-id=" + TENANT, "opsbot.teams.app-password=s3cret"))
                .contains("UserAssignedMSI takes no MICROSOFT_APP_PASSWORD");
        assertThat(failure("opsbot.teams.app-type=MultiTenant", "opsbot.teams.app-id=" + APP_ID,
                "opsbot.teams.app-tenant-id=" + TENANT, "opsbot.teams.app-password=s3cret"))
                .contains("MultiTenant takes no MICROSOFT_APP_TENANT_ID");
        assertThat(failure("opsbot.teams.app-type=Single", "opsbot.teams.app-id=" + APP_ID))
                .contains("MICROSOFT_APP_TYPE must be SingleTenant, UserAssignedMSI or MultiTenant");
        assertThat(failure("opsbot.teams.app-id=" + APP_ID, "opsbot.teams.app-tenant-id=contoso.onmicrosoft.com",
                "opsbot.teams.app-password=s3cret")).contains("MICROSOFT_APP_TENANT_ID must be the Directory (tenant) ID");
        assertThat(failure("opsbot.teams.app-tenant-id=" + TENANT, "opsbot.teams.app-password=s3cret"))
                .contains("set MICROSOFT_APP_ID");
        assertThat(failure("opsbot.teams.app-id=" + APP_ID, "opsbot.teams.app-tenant-id=" + TENANT,
                "opsbot.teams.app-password=s3cret", "opsbot.teams.app-certificate-path=/tmp/bot.p12"))
                .contains("not both");
    }

    @Test
    void theSecretIsNeverShown() {
        assertThat(failure("opsbot.teams.app-type=UserAssignedMSI", "opsbot.teams.app-id=" + APP_ID,
                "opsbot.teams.app-tenant-id=" + TENANT, "opsbot.teams.app-password=Sup3r-S3cret-Value"))
                .doesNotContain("Sup3r-S3cret-Value");
        TeamsProperties properties = new Binder(new MapConfigurationPropertySource(Map.of("opsbot.teams.app-password",
                "Sup3r-S3cret-Value"))).bindOrCreate("opsbot.teams", TeamsProperties.class);
        assertThat(properties.toString()).doesNotContain("Sup3r-S3cret-Value").contains("appPassword=(set)");
    }

    @Test
    void sendLimitsDefaultToTeamsPublishedPace() {
        assertThat(new Binder(new MapConfigurationPropertySource(Map.of()))
                .bindOrCreate("opsbot.teams.limits", TeamsLimits.class)).isEqualTo(TeamsLimits.DEFAULTS);
        assertThat(new Binder(new MapConfigurationPropertySource(Map.of("opsbot.teams.limits.tenant-burst", "5")))
                .bindOrCreate("opsbot.teams.limits", TeamsLimits.class).tenantBurst()).isEqualTo(5);
    }
}
