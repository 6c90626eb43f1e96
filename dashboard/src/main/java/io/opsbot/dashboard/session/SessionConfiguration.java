package io.opsbot.dashboard.session;

import io.opsbot.dashboard.signin.DashboardProperties;
import org.springframework.beans.factory.BeanClassLoaderAware;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.session.config.annotation.web.http.EnableSpringHttpSession;
import org.springframework.session.web.http.CookieSerializer;
import org.springframework.session.web.http.DefaultCookieSerializer;

import java.time.Clock;

/**
 * Sessions through Spring Session, stored in MongoDB. A session exists only once someone signs in (or starts to):
 * the bot's endpoints never ask for one, so they get no cookie. The cookie is HttpOnly, SameSite=Lax, and Secure
 * whenever the request came over HTTPS.
 */
@Configuration(proxyBeanMethods = false)
@EnableSpringHttpSession
public class SessionConfiguration implements BeanClassLoaderAware {

    public static final String COOKIE = "OPSBOT_SESSION";

    private ClassLoader classLoader = SessionConfiguration.class.getClassLoader();

    @Override
    public void setBeanClassLoader(ClassLoader classLoader) {
        this.classLoader = classLoader;
    }

    @Bean
    MongoSessionRepository sessionRepository(MongoTemplate mongo, DashboardProperties properties) {
        // Real time, not the bot's clock: browsers and cookies live in it (tests move the bot's clock).
        MongoSessionRepository sessions = new MongoSessionRepository(mongo, properties.sessionTimeout(), Clock.systemUTC(),
                classLoader);
        sessions.createIndexes();
        return sessions;
    }

    @Bean
    CookieSerializer cookieSerializer() {
        DefaultCookieSerializer cookies = new DefaultCookieSerializer();
        cookies.setCookieName(COOKIE);
        cookies.setCookiePath("/");
        cookies.setUseHttpOnlyCookie(true);
        cookies.setSameSite("Lax");
        return cookies;
    }
}
