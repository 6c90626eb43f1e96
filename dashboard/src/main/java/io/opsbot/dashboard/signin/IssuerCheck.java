package io.opsbot.dashboard.signin;

import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;

import java.util.List;

/**
 * Who may have issued a Microsoft ID token. The {@code organizations} endpoint hands out tokens issued by each
 * person's own tenant ({@code https://login.microsoftonline.com/<tid>/v2.0}), so the issuer is only known once the
 * token names its tenant: the check is that the two agree, and, when tenants are listed, that the tenant is one of
 * them. (Slack's single issuer is checked by Spring Security against the registration's issuer.)
 */
final class IssuerCheck implements OAuth2TokenValidator<Jwt> {

    private final String expected;
    private final List<String> allowedTenants;

    private IssuerCheck(String expected, List<String> allowedTenants) {
        this.expected = expected;
        this.allowedTenants = allowedTenants;
    }

    /** {@code template} holds {@code {tid}} where the token's tenant id goes. */
    static IssuerCheck perTenant(String template, List<String> allowedTenants) {
        return new IssuerCheck(template, allowedTenants);
    }

    @Override
    public OAuth2TokenValidatorResult validate(Jwt token) {
        String tid = token.getClaimAsString("tid");
        String issuer = token.getIssuer() == null ? null : token.getIssuer().toString();
        if (tid == null || tid.isBlank()) {
            return failure("The ID token names no tenant (tid).");
        }
        if (!allowedTenants.isEmpty() && !allowedTenants.contains(tid)) {
            return failure("This organisation may not sign in here.");
        }
        return expected.replace("{tid}", tid).equals(issuer) ? OAuth2TokenValidatorResult.success()
                : failure("The ID token's issuer is not its tenant's.");
    }

    private static OAuth2TokenValidatorResult failure(String description) {
        return OAuth2TokenValidatorResult.failure(new OAuth2Error("invalid_id_token", description, null));
    }
}
