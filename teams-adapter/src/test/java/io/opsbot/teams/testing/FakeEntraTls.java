package io.opsbot.teams.testing;

import io.opsbot.teams.auth.IdentityTls;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/** Makes the adapter trust the shared {@link FakeEntra}'s TLS certificate, for token endpoints and OpenID metadata. */
@TestConfiguration(proxyBeanMethods = false)
public class FakeEntraTls {

    @Bean
    IdentityTls identityTls() {
        return FakeEntra.shared().tls();
    }
}
