package io.opsbot.dashboard.testing;

import io.opsbot.core.testing.CoreTestApplication;
import io.opsbot.dashboard.DashboardConfiguration;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Import;

/** The core (with recording gateways and a clock tests move) and the dashboard, served on a random port. */
@SpringBootConfiguration
@EnableAutoConfiguration
@Import({CoreTestApplication.class, DashboardConfiguration.class})
public class DashboardTestApplication {
}
