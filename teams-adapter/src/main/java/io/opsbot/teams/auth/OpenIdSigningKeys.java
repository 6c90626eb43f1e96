package io.opsbot.teams.auth;

import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.jose.util.Resource;
import com.nimbusds.jose.util.ResourceRetriever;

import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The signing keys of one token issuer, found through its OpenID metadata document ({@code jwks_uri}) and kept by
 * Nimbus' JWK source: cached for {@code ttl}, fetched again when a token names a key id the cache does not have, and
 * never more than once per {@code minRefresh} however many such tokens arrive. The metadata document is read once
 * (again only after a failure, at most once per {@code minRefresh}).
 */
final class OpenIdSigningKeys implements JWKSource<SecurityContext> {

    private static final long REFRESH_TIMEOUT_MILLIS = 15_000;

    private final String metadataUrl;
    private final ResourceRetriever retriever;
    private final Duration ttl;
    private final Duration minRefresh;
    private final Clock clock = Clock.systemUTC();

    private JWKSource<SecurityContext> keys;
    private Instant failedAt;

    OpenIdSigningKeys(String metadataUrl, ResourceRetriever retriever, Duration ttl, Duration minRefresh) {
        this.metadataUrl = metadataUrl;
        this.retriever = retriever;
        this.ttl = ttl;
        this.minRefresh = minRefresh;
    }

    String metadataUrl() {
        return metadataUrl;
    }

    @Override
    public List<JWK> get(JWKSelector selector, SecurityContext context) throws KeySourceException {
        return keys().get(selector, context);
    }

    private synchronized JWKSource<SecurityContext> keys() throws KeySourceException {
        if (keys != null) {
            return keys;
        }
        if (failedAt != null && clock.instant().isBefore(failedAt.plus(minRefresh))) {
            throw new KeySourceException("the OpenID metadata at " + metadataUrl + " failed a moment ago");
        }
        try {
            Resource metadata = retriever.retrieveResource(URI.create(metadataUrl).toURL());
            String jwksUri = JSONObjectUtils.getString(JSONObjectUtils.parse(metadata.getContent()), "jwks_uri");
            if (jwksUri == null || jwksUri.isBlank()) {
                throw new KeySourceException("no jwks_uri in the OpenID metadata at " + metadataUrl);
            }
            URL jwks = URI.create(jwksUri).toURL();
            keys = JWKSourceBuilder.<SecurityContext>create(jwks, retriever)
                    .cache(ttl.toMillis(), REFRESH_TIMEOUT_MILLIS)
                    .rateLimited(minRefresh.toMillis())
                    .refreshAheadCache(false)
                    .retrying(false)
                    .build();
            failedAt = null;
            return keys;
        } catch (IOException | ParseException | IllegalArgumentException e) {
            failedAt = clock.instant();
            throw new KeySourceException("could not read the OpenID metadata at " + metadataUrl + ": " + e, e);
        }
    }
}
