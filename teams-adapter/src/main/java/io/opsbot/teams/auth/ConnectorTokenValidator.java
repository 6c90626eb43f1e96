package io.opsbot.teams.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.ResourceRetriever;
import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;

import java.text.ParseException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Checks a Bot Connector token the way the Microsoft Agents SDKs do, with Nimbus JOSE+JWT:
 * <ul>
 *   <li>issuer {@code https://api.botframework.com}, signed by a key of the Bot Framework's OpenID metadata endorsed
 *       for msteams; for single-tenant and managed-identity bots also the bot's own Entra tenant
 *       ({@code https://sts.windows.net/{tenant}/}, {@code https://login.microsoftonline.com/{tenant}/v2.0}), signed by
 *       a key of that tenant's OpenID metadata;</li>
 *   <li>RS256 only (so no {@code alg: none}, no HMAC keyed with a public key);</li>
 *   <li>audience = the bot's app id; {@code exp} required, {@code exp} and {@code nbf} with 5 minutes of clock
 *       skew;</li>
 *   <li>{@code serviceurl} present and equal to the activity's service URL; an Entra token's {@code tid}, if any,
 *       equal to the bot's tenant.</li>
 * </ul>
 */
public final class ConnectorTokenValidator {

    public static final String BOT_FRAMEWORK_ISSUER = "https://api.botframework.com";
    static final int CLOCK_SKEW_SECONDS = 300;
    static final String SERVICE_URL_CLAIM = "serviceurl";

    private final String tenantId;
    private final List<String> tenantIssuers;
    private final DefaultJWTProcessor<SecurityContext> botFramework;
    private final DefaultJWTProcessor<SecurityContext> tenant;

    /**
     * @param authority       Entra's host ({@code https://login.microsoftonline.com}); the tenant's metadata is
     *                        {@code {authority}/{tenant}/v2.0/.well-known/openid-configuration}
     * @param http            fetches metadata and key sets
     */
    public ConnectorTokenValidator(String appId, BotType type, String tenantId, String botFrameworkMetadataUrl,
                                   String authority, ResourceRetriever http, Duration keysTtl, Duration minRefresh) {
        ResourceRetriever retriever = new EndorsedKeysRetriever(http);
        this.tenantId = tenantId;
        this.botFramework = processor(appId, new OpenIdSigningKeys(botFrameworkMetadataUrl, retriever, keysTtl,
                minRefresh));
        if (type.tenantIssued()) {
            String host = authority.endsWith("/") ? authority.substring(0, authority.length() - 1) : authority;
            this.tenantIssuers = List.of("https://sts.windows.net/" + tenantId + "/",
                    host + "/" + tenantId + "/v2.0");
            this.tenant = processor(appId, new OpenIdSigningKeys(host + "/" + tenantId
                    + "/v2.0/.well-known/openid-configuration", retriever, keysTtl, minRefresh));
        } else {
            this.tenantIssuers = List.of();
            this.tenant = null;
        }
    }

    private static DefaultJWTProcessor<SecurityContext> processor(String appId, OpenIdSigningKeys keys) {
        DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.RS256, keys));
        DefaultJWTClaimsVerifier<SecurityContext> claims = new DefaultJWTClaimsVerifier<>(Set.of(appId), null,
                Set.of("iss", "aud", "exp", SERVICE_URL_CLAIM), null);
        claims.setMaxClockSkew(CLOCK_SKEW_SECONDS);
        processor.setJWTClaimsSetVerifier(claims);
        return processor;
    }

    /** Why the token must be refused for an activity from this service URL; empty when it is good. Never throws. */
    public Optional<String> refusal(String token, String serviceUrl) {
        JWT jwt;
        String issuer;
        try {
            jwt = JWTParser.parse(token);
            issuer = jwt.getJWTClaimsSet().getIssuer();
        } catch (ParseException e) {
            return Optional.of("not a JWT");
        }
        if (!(jwt instanceof SignedJWT signed)) {
            return Optional.of("not signed (alg " + jwt.getHeader().getAlgorithm() + ")");
        }
        boolean fromTenant = tenantIssuers.stream().anyMatch(i -> i.equalsIgnoreCase(issuer));
        if (!BOT_FRAMEWORK_ISSUER.equalsIgnoreCase(issuer) && !fromTenant) {
            return Optional.of("issuer not accepted: " + issuer);
        }
        JWTClaimsSet claims;
        try {
            claims = (fromTenant ? tenant : botFramework).process(signed, null);
        } catch (BadJOSEException | JOSEException e) {
            // A rate-limited key fetch has no message.
            return Optional.of(e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName());
        }
        Object claimed = claims.getClaim(SERVICE_URL_CLAIM);
        if (!(claimed instanceof String url) || !sameServiceUrl(url, serviceUrl)) {
            return Optional.of("the serviceurl claim is not the activity's service URL");
        }
        Object tid = claims.getClaim("tid");
        if (fromTenant && tid != null && !tenantId.equalsIgnoreCase(String.valueOf(tid))) {
            return Optional.of("tid is not the bot's tenant");
        }
        return Optional.empty();
    }

    static boolean sameServiceUrl(String claimed, String activity) {
        return activity != null && normalize(claimed).equals(normalize(activity));
    }

    private static String normalize(String url) {
        String u = url.strip().toLowerCase(Locale.ROOT);
        return u.endsWith("/") ? u.substring(0, u.length() - 1) : u;
    }
}
