package io.opsbot.dashboard.signin;

import io.opsbot.core.tenant.TenantRef;
import io.opsbot.core.tenant.UserRef;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserRequest;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserService;
import org.springframework.security.oauth2.client.userinfo.OAuth2UserService;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.stereotype.Component;

/**
 * Turns a signed-in OpenID identity into the person the bot knows. Slack's ID token carries the workspace
 * ({@code https://slack.com/team_id}) and the member ({@code https://slack.com/user_id}); Entra's carries the tenant
 * ({@code tid}) and the person's object id ({@code oid}), which is how the Teams adapter knows people. Only the ID token
 * is read (no user-info call): it holds all of this.
 */
@Component
class Identities implements OAuth2UserService<OidcUserRequest, OidcUser> {

    static final String SLACK_TEAM = "https://slack.com/team_id";
    static final String SLACK_USER = "https://slack.com/user_id";

    private final OidcUserService oidc = new OidcUserService();

    @Override
    public OidcUser loadUser(OidcUserRequest request) {
        OidcUser user = oidc.loadUser(request);
        String provider = request.getClientRegistration().getRegistrationId();
        UserRef person = switch (provider) {
            case Providers.SLACK -> new UserRef(TenantRef.slack(claim(user, SLACK_TEAM)),
                    user.getClaimAsString(SLACK_USER) != null ? user.getClaimAsString(SLACK_USER) : claim(user, "sub"));
            case Providers.MICROSOFT -> new UserRef(TenantRef.teams(claim(user, "tid")), claim(user, "oid"));
            default -> throw refused("unknown_provider", "Unknown sign-in provider " + provider + ".");
        };
        String name = user.getFullName() != null ? user.getFullName()
                : user.getPreferredUsername() != null ? user.getPreferredUsername() : person.userId();
        return new SignedInOidcUser(user, SignedInPerson.of(person, name));
    }

    private static String claim(OidcUser user, String name) {
        String value = user.getClaimAsString(name);
        if (value == null || value.isBlank()) {
            throw refused("invalid_id_token", "The ID token has no " + name + " claim.");
        }
        return value;
    }

    private static OAuth2AuthenticationException refused(String code, String description) {
        return new OAuth2AuthenticationException(new OAuth2Error(code, description, null), description);
    }
}
