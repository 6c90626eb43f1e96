package io.opsbot.teams;

import io.opsbot.teams.files.TeamsFileProperties;
import io.opsbot.teams.outbound.TeamsLimits;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.FilterType;
import org.springframework.context.annotation.PropertySource;
import org.springframework.data.mongodb.repository.config.EnableMongoRepositories;

/**
 * Wires the Microsoft Teams adapter: the {@code POST /api/messages} endpoint, the Teams chat gateway and the stored
 * conversation references. bot-app imports it next to the core's configuration; {@code opsbot.teams.enabled=false}
 * leaves Teams out entirely.
 *
 * <p>The retired Bot Framework Java SDK (bot-schema, bot-connector, bot-builder) is used only inside this package and
 * only with its own Jackson 2 ({@code com.fasterxml}) mapper. Spring MVC (Jackson 3) sees nothing but Strings, so the
 * two Jackson generations never meet.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(prefix = "opsbot.teams", name = "enabled", havingValue = "true", matchIfMissing = true)
// The test-jar's helpers (fake connector, test application) live under .testing and must never be scanned into an app.
@ComponentScan(basePackages = "io.opsbot.teams",
        excludeFilters = @ComponentScan.Filter(type = FilterType.REGEX, pattern = "io\\.opsbot\\.teams\\.testing\\..*"))
@EnableMongoRepositories(basePackages = "io.opsbot.teams")
@EnableConfigurationProperties({TeamsProperties.class, TeamsLimits.class, TeamsFileProperties.class})
// MICROSOFT_APP_ID / MICROSOFT_APP_PASSWORD / MICROSOFT_APP_TENANT_ID as fallbacks for opsbot.teams.*.
@PropertySource("classpath:io/opsbot/teams/teams-defaults.properties")
public class TeamsAdapterConfiguration {
}
