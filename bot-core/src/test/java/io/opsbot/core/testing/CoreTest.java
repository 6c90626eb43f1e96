package io.opsbot.core.testing;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ContextConfiguration;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A Spring test of the core against mongo-java-server over TCP, with a dashboard at {@link #DASHBOARD} that messages
 * link to.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
// Quartz stays stopped: tests fire nudges themselves, in order, against a clock they move (NudgeDriver).
@SpringBootTest(classes = CoreTestApplication.class, properties = {"spring.quartz.auto-startup=false",
        "opsbot.links.dashboard-url=" + CoreTest.DASHBOARD + "/"})
@ContextConfiguration(initializers = MongoTestServer.Initializer.class)
public @interface CoreTest {

    String DASHBOARD = "https://opsbot.example.com/dashboard";
}
