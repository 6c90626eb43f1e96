package io.opsbot.teams.testing;

import io.opsbot.core.testing.FakeTrackers;
import io.opsbot.core.testing.MongoTestServer;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.context.ContextConfiguration;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A Spring test of the core plus the Teams adapter, against mongo-java-server over TCP, called through MockMvc. Local
 * mode without an app id (requests need no token, the bot sends none); tests point activities' serviceUrl at a
 * {@link FakeBotConnector}. Test classes using this share one cached context.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(classes = TeamsTestApplication.class,
        properties = {"opsbot.teams.app-id=", "opsbot.teams.app-password=", "opsbot.teams.local-mode=true",
                "spring.quartz.auto-startup=false",
                // The fake connector takes any pace; the pacing itself is tested with Teams' own limits.
                "opsbot.teams.limits.conversation-per-second=10000", "opsbot.teams.limits.conversation-burst=10000",
                "opsbot.teams.limits.tenant-per-second=10000", "opsbot.teams.limits.tenant-burst=10000"})
@ContextConfiguration(initializers = {MongoTestServer.Initializer.class, FakeTrackers.Initializer.class})
@AutoConfigureMockMvc
public @interface TeamsTest {
}
