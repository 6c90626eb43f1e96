package io.opsbot.dashboard.testing;

import io.opsbot.core.testing.MongoTestServer;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ContextConfiguration;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The dashboard running on a random port against mongo-java-server over TCP, signing people in at a local OpenID
 * provider (mock-oauth2-server) playing Slack and Microsoft. Every class with this annotation shares one application.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(classes = DashboardTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "spring.quartz.auto-startup=false")
@ContextConfiguration(initializers = {MongoTestServer.Initializer.class, OpenIdProvider.Initializer.class})
public @interface DashboardTest {
}
