package io.opsbot.app.config;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.util.StringUtils;

import java.util.Map;

/**
 * Spring Boot 4 renamed {@code spring.data.mongodb.uri} to {@code spring.mongodb.uri}. Deployments (and our docs)
 * that still set the old name keep working: it is copied to the new one when that is not set.
 */
public class LegacyMongoUriEnvironmentPostProcessor implements EnvironmentPostProcessor {

    static final String LEGACY = "spring.data.mongodb.uri";
    static final String CURRENT = "spring.mongodb.uri";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        String legacy = environment.getProperty(LEGACY);
        if (StringUtils.hasText(legacy) && !StringUtils.hasText(environment.getProperty(CURRENT))) {
            environment.getPropertySources().addFirst(new MapPropertySource("opsbot-legacy-mongo-uri",
                    Map.of(CURRENT, legacy)));
        }
    }
}
