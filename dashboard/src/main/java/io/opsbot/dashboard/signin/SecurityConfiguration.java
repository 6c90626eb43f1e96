package io.opsbot.dashboard.signin;

import jakarta.servlet.http.HttpServletResponse;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.oauth2.client.oidc.authentication.OidcIdTokenDecoderFactory;
import org.springframework.security.oauth2.client.oidc.authentication.OidcIdTokenValidator;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.JwtDecoderFactory;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.security.web.util.matcher.RequestHeaderRequestMatcher;


/**
 * The dashboard's one security filter chain, matching only its own paths: the bot's endpoints ({@code /slack/**},
 * {@code /api/messages}, downloads, {@code /actuator/**}, {@code /admin/**}) are matched by no chain, so they see no
 * session, no CSRF check and no sign-in redirect, exactly as before. Inside: everything needs a signed-in person except
 * the sign-in page and the dashboard's static files; CSRF is on for every change; htmx requests without a session get
 * 401 and a redirect header instead of a login page in the middle of a page.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSecurity
public class SecurityConfiguration {

    /** The paths the dashboard owns; nothing else goes through its chain. */
    public static final String[] PATHS = {"/dashboard", "/dashboard/**", "/login", "/login/**", "/oauth2/**",
            "/logout"};

    @Bean
    SecurityFilterChain dashboardSecurity(HttpSecurity http, Providers providers, Identities identities,
                                          SecurityContextRepository contexts) throws Exception {
        LoginUrlAuthenticationEntryPoint toSignIn = new LoginUrlAuthenticationEntryPoint("/login");
        http.securityMatcher(PATHS)
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers("/login", "/login/local", "/dashboard/assets/**").permitAll()
                        .anyRequest().authenticated())
                .securityContext(context -> context.securityContextRepository(contexts))
                .oauth2Login(login -> login
                        .loginPage("/login")
                        .clientRegistrationRepository(providers)
                        .userInfoEndpoint(info -> info.oidcUserService(identities))
                        .defaultSuccessUrl("/dashboard", false)
                        .failureUrl("/login?error"))
                .logout(logout -> logout.logoutUrl("/logout").logoutSuccessUrl("/login?signedOut"))
                .exceptionHandling(errors -> errors
                        .defaultAuthenticationEntryPointFor((request, response, e) -> {
                            response.setHeader("HX-Redirect", "/login");
                            response.sendError(HttpServletResponse.SC_UNAUTHORIZED);
                        }, new RequestHeaderRequestMatcher("HX-Request"))
                        .defaultAuthenticationEntryPointFor(toSignIn, request -> true))
                .headers(headers -> headers
                        .contentSecurityPolicy(csp -> csp.policyDirectives("default-src 'self'; script-src 'self'; "
                                + "style-src 'self' 'unsafe-inline'; img-src 'self' data:; object-src 'none'; "
                                + "frame-ancestors 'none'; base-uri 'self'; form-action 'self'"))
                        .referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.SAME_ORIGIN)));
        return http.build();
    }

    @Bean
    SecurityContextRepository securityContextRepository() {
        return new HttpSessionSecurityContextRepository();
    }

    /**
     * Validates ID tokens: Spring's OpenID checks (issuer of a registration that names one, audience, times), and for
     * Microsoft the per-tenant issuer.
     */
    @Bean
    JwtDecoderFactory<ClientRegistration> idTokenDecoderFactory(DashboardProperties properties) {
        OidcIdTokenDecoderFactory factory = new OidcIdTokenDecoderFactory();
        factory.setJwtValidatorFactory(registration -> Providers.MICROSOFT.equals(registration.getRegistrationId())
                ? new DelegatingOAuth2TokenValidator<>(new JwtTimestampValidator(),
                        new OidcIdTokenValidator(registration),
                        IssuerCheck.perTenant(properties.microsoft().issuerTemplate(),
                                properties.microsoft().allowedTenants()))
                : new DelegatingOAuth2TokenValidator<>(new JwtTimestampValidator(),
                        new OidcIdTokenValidator(registration)));
        return factory;
    }
}
