package io.opsbot.dashboard;

import io.opsbot.dashboard.signin.DashboardProperties;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.FilterType;

/** Wires the dashboard: bot-app imports this next to the core; its security covers only the dashboard's paths. */
@Configuration(proxyBeanMethods = false)
@ComponentScan(basePackages = "io.opsbot.dashboard",
        excludeFilters = @ComponentScan.Filter(type = FilterType.ANNOTATION, classes = SpringBootConfiguration.class))
@EnableConfigurationProperties(DashboardProperties.class)
public class DashboardConfiguration {
}
