package io.opsbot.dashboard.signin;

import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The identity providers people may sign in with: Slack and Microsoft, each when its client id and secret are set.
 * None configured is allowed (the sign-in page then says how to set one up), which Spring's in-memory repository is
 * not.
 */
@Component
public class Providers implements ClientRegistrationRepository {

    public static final String SLACK = "slack";
    public static final String MICROSOFT = "microsoft";

    private final Map<String, ClientRegistration> registrations = new LinkedHashMap<>();

    public Providers(DashboardProperties properties) {
        String redirect = (properties.publicUrl() == null ? "{baseUrl}" : properties.publicUrl())
                          + "/login/oauth2/code/{registrationId}";
        DashboardProperties.Slack slack = properties.slack();
        if (slack.configured()) {
            registrations.put(SLACK, ClientRegistration.withRegistrationId(SLACK)
                    .clientName("Slack")
                    .clientId(slack.clientId()).clientSecret(slack.clientSecret())
                    .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_POST)
                    .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
                    .redirectUri(redirect)
                    .scope("openid", "profile")
                    .authorizationUri(slack.authorizationUri()).tokenUri(slack.tokenUri())
                    .jwkSetUri(slack.jwkSetUri()).issuerUri(slack.issuer())
                    .userNameAttributeName("sub")
                    .build());
        }
        DashboardProperties.Microsoft microsoft = properties.microsoft();
        if (microsoft.configured()) {
            registrations.put(MICROSOFT, ClientRegistration.withRegistrationId(MICROSOFT)
                    .clientName("Microsoft")
                    .clientId(microsoft.clientId()).clientSecret(microsoft.clientSecret())
                    .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_POST)
                    .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
                    .redirectUri(redirect)
                    .scope("openid", "profile")
                    .authorizationUri(microsoft.authorizationUri()).tokenUri(microsoft.tokenUri())
                    .jwkSetUri(microsoft.jwkSetUri())
                    .userNameAttributeName("sub")
                    .build());
        }
    }

    @Override
    public ClientRegistration findByRegistrationId(String registrationId) {
        return registrations.get(registrationId);
    }

    /** The providers offered on the sign-in page, in order. */
    public List<ClientRegistration> offered() {
        return new ArrayList<>(registrations.values());
    }
}
