package io.opsbot.teams.testing;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import io.opsbot.teams.auth.IdentityTls;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * A local stand-in for Microsoft's identity side of a bot, on 127.0.0.1:
 * <ul>
 *   <li>over TLS ({@link #authorityHost()}, a certificate made with the JDK's keytool for this run and trusted through
 *       {@link #tls()}): Entra's token endpoint {@code /{tenant}/oauth2/v2.0/token}, each tenant's OpenID metadata
 *       {@code /{tenant}/v2.0/.well-known/openid-configuration} and keys {@code /{tenant}/discovery/v2.0/keys}, and the
 *       Bot Framework's metadata {@link #botFrameworkMetadataUrl()} with keys endorsed for msteams;</li>
 *   <li>over plain HTTP, as on Azure hosts: the App Service / Container Apps managed-identity endpoint
 *       {@link #appServiceIdentityEndpoint()} (header {@code X-IDENTITY-HEADER}) and the instance metadata service
 *       {@link #imdsHost()} ({@code /metadata/identity/oauth2/token}, header {@code Metadata: true}).</li>
 * </ul>
 * It signs tokens as the Bot Connector does ({@link #token()}), rotates keys, and records every request.
 */
public final class FakeEntra implements AutoCloseable {

    public static final String BOT_FRAMEWORK = "botframework";
    public static final String IDENTITY_HEADER = "fake-identity-header-secret";
    /** A client secret the token endpoint refuses, as Entra refuses a wrong or expired one. */
    public static final String REFUSED_SECRET = "expired-client-secret";

    /** One request as received. */
    public record Request(String method, String path, Map<String, String> query, Map<String, String> headers,
                          Map<String, String> form) {

        public String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    private final HttpsServer https;
    private final HttpServer http;
    private final SSLContext clientContext;
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    /** Signing keys per issuer family (the Bot Framework, or a tenant id), newest first. */
    private final Map<String, List<RSAKey>> keys = new ConcurrentHashMap<>();
    private final List<RSAKey> skypeOnly = new CopyOnWriteArrayList<>();
    private final AtomicInteger issued = new AtomicInteger();
    private final Map<String, String> issuedAt = new ConcurrentHashMap<>();
    private volatile long expiresInSeconds = 3600;

    private FakeEntra() throws Exception {
        Path dir = Files.createTempDirectory("fake-entra");
        Path store = dir.resolve("tls.p12");
        char[] password = "changeit".toCharArray();
        keytool("-genkeypair", "-alias", "fake-entra", "-keyalg", "RSA", "-keysize", "2048", "-validity", "2",
                "-dname", "CN=localhost", "-ext", "SAN=ip:127.0.0.1,dns:localhost", "-storetype", "PKCS12",
                "-keystore", store.toString(), "-storepass", "changeit", "-keypass", "changeit");
        KeyStore keyStore = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(store)) {
            keyStore.load(in, password);
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(keyStore, password);
        SSLContext serverContext = SSLContext.getInstance("TLS");
        serverContext.init(kmf.getKeyManagers(), null, null);

        KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
        trust.load(null, null);
        Certificate certificate = keyStore.getCertificate("fake-entra");
        trust.setCertificateEntry("fake-entra", certificate);
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        clientContext = SSLContext.getInstance("TLS");
        clientContext.init(null, tmf.getTrustManagers(), null);
        Files.deleteIfExists(store);
        Files.deleteIfExists(dir);

        https = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        https.setHttpsConfigurator(new HttpsConfigurator(serverContext));
        https.createContext("/", this::handle);
        https.setExecutor(Executors.newFixedThreadPool(2, FakeEntra::daemon));
        https.start();
        http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        http.createContext("/", this::handle);
        http.setExecutor(Executors.newFixedThreadPool(2, FakeEntra::daemon));
        http.start();
    }

    private static FakeEntra shared;

    /** One fake for the whole test run (Spring test contexts outlive test classes); never closed. */
    public static synchronized FakeEntra shared() {
        if (shared == null) {
            shared = start();
        }
        return shared;
    }

    public static FakeEntra start() {
        try {
            return new FakeEntra();
        } catch (Exception e) {
            throw new IllegalStateException("could not start the fake Entra", e);
        }
    }

    @Override
    public void close() {
        https.stop(0);
        http.stop(0);
    }

    // ---- addresses ------------------------------------------------------------------------------------------------

    /** Entra's login host, over TLS: {@code https://127.0.0.1:port}. */
    public String authorityHost() {
        return "https://127.0.0.1:" + https.getAddress().getPort();
    }

    public String botFrameworkMetadataUrl() {
        return authorityHost() + "/v1/.well-known/openidconfiguration";
    }

    /** What App Service sets as {@code IDENTITY_ENDPOINT}. */
    public String appServiceIdentityEndpoint() {
        return "http://127.0.0.1:" + http.getAddress().getPort() + "/msi/token";
    }

    /** What {@code AZURE_POD_IDENTITY_AUTHORITY_HOST} points the instance metadata service at. */
    public String imdsHost() {
        return "http://127.0.0.1:" + http.getAddress().getPort();
    }

    /** Trust for this fake's TLS certificate, as the adapter takes it. */
    public IdentityTls tls() {
        return new IdentityTls(clientContext.getSocketFactory());
    }

    // ---- what was received ------------------------------------------------------------------------------------

    public List<Request> requests() {
        return List.copyOf(requests);
    }

    /** Client-credential token requests to a tenant ({@code botframework.com} for multi-tenant bots). */
    public List<Request> tokenRequests(String tenant) {
        return requests.stream().filter(r -> r.path().equals("/" + tenant + "/oauth2/v2.0/token")).toList();
    }

    public List<Request> appServiceTokenRequests() {
        return requests.stream().filter(r -> r.path().equals("/msi/token")).toList();
    }

    public List<Request> imdsTokenRequests() {
        return requests.stream().filter(r -> r.path().equals("/metadata/identity/oauth2/token")).toList();
    }

    /** Key set downloads of an issuer family. */
    public List<Request> keyRequests(String family) {
        String path = family.equals(BOT_FRAMEWORK) ? "/v1/.well-known/keys" : "/" + family + "/discovery/v2.0/keys";
        return requests.stream().filter(r -> r.path().equals(path)).toList();
    }

    /** Every token request of any kind. */
    public List<Request> allTokenRequests() {
        return requests.stream().filter(r -> r.path().endsWith("/token")).toList();
    }

    public void clear() {
        requests.clear();
    }

    // ---- behaviour ----------------------------------------------------------------------------------------------

    /** The lifetime of access tokens handed out from now on. */
    public void expiresIn(Duration lifetime) {
        this.expiresInSeconds = lifetime.toSeconds();
    }

    /** The access token the n-th token response (from 1) carried. */
    public static String accessToken(int n) {
        return "fake-access-token-" + n;
    }

    /** The path of the endpoint that handed out this access token, or null. */
    public String issuedBy(String accessToken) {
        return issuedAt.get(accessToken);
    }

    /** How many access tokens were handed out. */
    public int issuedTokens() {
        return issued.get();
    }

    /** A new signing key for the family, published first; the old ones stay published (as Microsoft rolls keys). */
    public RSAKey rotate(String family) {
        RSAKey key = newKey();
        keys.computeIfAbsent(family, f -> new CopyOnWriteArrayList<>()).add(0, key);
        return key;
    }

    private RSAKey key(String family) {
        return keys.computeIfAbsent(family, f -> new CopyOnWriteArrayList<>(List.of(newKey()))).get(0);
    }

    // ---- tokens -----------------------------------------------------------------------------------------------

    /** A token as the Bot Connector sends it: issued by the Bot Framework unless changed. */
    public TokenBuilder token() {
        return new TokenBuilder();
    }

    /** Builds one inbound token; every setter returns this. */
    public final class TokenBuilder {
        private String family = BOT_FRAMEWORK;
        private String issuer = "https://api.botframework.com";
        private String audience;
        private String serviceUrl;
        private String tid;
        private Instant expires = Instant.now().plus(Duration.ofMinutes(30));
        private Instant notBefore = Instant.now().minusSeconds(60);
        private boolean withExpiry = true;
        private RSAKey signWith;

        public TokenBuilder audience(String audience) {
            this.audience = audience;
            return this;
        }

        public TokenBuilder serviceUrl(String serviceUrl) {
            this.serviceUrl = serviceUrl;
            return this;
        }

        /** Issued by the tenant's Entra v1 endpoint ({@code https://sts.windows.net/{tenant}/}), signed by its key. */
        public TokenBuilder entraV1(String tenant) {
            family = tenant;
            issuer = "https://sts.windows.net/" + tenant + "/";
            tid = tenant;
            return this;
        }

        /** Issued by the tenant's Entra v2 endpoint ({@code {authority host}/{tenant}/v2.0}). */
        public TokenBuilder entraV2(String tenant) {
            family = tenant;
            issuer = authorityHost() + "/" + tenant + "/v2.0";
            tid = tenant;
            return this;
        }

        public TokenBuilder issuer(String issuer) {
            this.issuer = issuer;
            return this;
        }

        public TokenBuilder expires(Instant expires) {
            this.expires = expires;
            return this;
        }

        public TokenBuilder withoutExpiry() {
            this.withExpiry = false;
            return this;
        }

        public TokenBuilder notBefore(Instant notBefore) {
            this.notBefore = notBefore;
            return this;
        }

        /** Signed with a key of this fake that is published nowhere (the key id is new too). */
        public TokenBuilder unknownKey() {
            this.signWith = newKey();
            return this;
        }

        /** Signed with this key (one from {@link #rotate}). */
        public TokenBuilder key(RSAKey key) {
            this.signWith = key;
            return this;
        }

        private JWTClaimsSet claims() {
            JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder().issuer(issuer).audience(audience)
                    .notBeforeTime(Date.from(notBefore)).issueTime(Date.from(notBefore))
                    .claim("appid", "d6d49420-f39b-4df7-a1dc-d59a935871db");
            if (withExpiry) {
                claims.expirationTime(Date.from(expires));
            }
            if (serviceUrl != null) {
                claims.claim("serviceurl", serviceUrl);
            }
            if (tid != null) {
                claims.claim("tid", tid).claim("ver", issuer.endsWith("/v2.0") ? "2.0" : "1.0");
            }
            return claims.build();
        }

        public String sign() {
            RSAKey key = signWith != null ? signWith : FakeEntra.this.key(family);
            try {
                SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID())
                        .type(JOSEObjectType.JWT).build(), claims());
                jwt.sign(new RSASSASigner(key));
                return jwt.serialize();
            } catch (JOSEException e) {
                throw new IllegalStateException(e);
            }
        }

        /** The same claims unsigned: {@code alg: none}. */
        public String unsigned() {
            return new PlainJWT(claims()).serialize();
        }

        /**
         * HS256 keyed with the issuer's public key (the encoded key bytes as the HMAC secret), under the real key id:
         * the classic attack on validators that take the algorithm from the token.
         */
        public String hs256WithPublicKeyAsSecret() {
            RSAKey key = FakeEntra.this.key(family);
            try {
                SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID(key.getKeyID())
                        .type(JOSEObjectType.JWT).build(), claims());
                jwt.sign(new MACSigner(key.toRSAPublicKey().getEncoded()));
                return jwt.serialize();
            } catch (JOSEException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    // ---- HTTP ---------------------------------------------------------------------------------------------------

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            Map<String, String> headers = new LinkedHashMap<>();
            exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), String.join(",", v)));
            String body;
            try (InputStream in = exchange.getRequestBody()) {
                body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            Request request = new Request(exchange.getRequestMethod(), path, decode(exchange.getRequestURI()
                    .getRawQuery()), Map.copyOf(headers), decode(body));
            requests.add(request);
            String[] parts = path.split("/");
            if (path.equals("/v1/.well-known/openidconfiguration")) {
                respond(exchange, 200, metadata("https://api.botframework.com", authorityHost()
                        + "/v1/.well-known/keys"));
            } else if (path.equals("/v1/.well-known/keys")) {
                respond(exchange, 200, keySet(BOT_FRAMEWORK, true));
            } else if (parts.length == 5 && path.endsWith("/v2.0/.well-known/openid-configuration")) {
                respond(exchange, 200, metadata(authorityHost() + "/" + parts[1] + "/v2.0",
                        authorityHost() + "/" + parts[1] + "/discovery/v2.0/keys"));
            } else if (parts.length == 5 && path.endsWith("/discovery/v2.0/keys")) {
                respond(exchange, 200, keySet(parts[1], false));
            } else if (path.endsWith("/oauth2/v2.0/token") && REFUSED_SECRET.equals(request.form().get("client_secret"))) {
                respond(exchange, 401, "{\"error\":\"invalid_client\",\"error_description\":\"AADSTS7000215: "
                        + "Invalid client secret provided.\",\"error_codes\":[7000215]}");
            } else if (path.endsWith("/oauth2/v2.0/token") && request.method().equals("POST")) {
                respond(exchange, 200, "{\"token_type\":\"Bearer\",\"expires_in\":" + expiresInSeconds
                        + ",\"ext_expires_in\":" + expiresInSeconds + ",\"access_token\":\"" + next(path) + "\"}");
            } else if (path.equals("/msi/token")) {
                if (!IDENTITY_HEADER.equals(request.header("X-IDENTITY-HEADER"))) {
                    respond(exchange, 401, "{\"statusCode\":401,\"message\":\"missing identity header\"}");
                    return;
                }
                respond(exchange, 200, "{\"access_token\":\"" + next(path) + "\",\"expires_on\":\""
                        + Instant.now().plusSeconds(expiresInSeconds).getEpochSecond() + "\",\"resource\":\""
                        + request.query().get("resource") + "\",\"token_type\":\"Bearer\",\"client_id\":\""
                        + request.query().get("client_id") + "\"}");
            } else if (path.equals("/metadata/identity/oauth2/token")) {
                if (!"true".equals(request.header("Metadata"))) {
                    respond(exchange, 400, "{\"error\":\"invalid_request\",\"error_description\":\"Required metadata "
                            + "header not specified\"}");
                    return;
                }
                respond(exchange, 200, "{\"access_token\":\"" + next(path) + "\",\"refresh_token\":\"\",\"expires_in\":\""
                        + expiresInSeconds + "\",\"expires_on\":\"" + Instant.now().plusSeconds(expiresInSeconds)
                        .getEpochSecond() + "\",\"not_before\":\"" + Instant.now().getEpochSecond()
                        + "\",\"resource\":\"" + request.query().get("resource") + "\",\"token_type\":\"Bearer\"}");
            } else {
                respond(exchange, 404, "{\"error\":\"not_found\"}");
            }
        } catch (RuntimeException e) {
            respond(exchange, 500, "{\"error\":\"fake_failure\"}");
        }
    }

    private String next(String path) {
        String token = accessToken(issued.incrementAndGet());
        issuedAt.put(token, path);
        return token;
    }

    private static String metadata(String issuer, String jwksUri) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("issuer", issuer);
        doc.put("jwks_uri", jwksUri);
        doc.put("id_token_signing_alg_values_supported", List.of("RS256"));
        return JSONObjectUtils.toJSONString(doc);
    }

    /** The family's public keys; the Bot Framework's carry endorsements, plus one key endorsed for Skype only. */
    private String keySet(String family, boolean endorsements) {
        key(family);
        List<Map<String, Object>> published = new ArrayList<>();
        for (RSAKey key : keys.get(family)) {
            Map<String, Object> json = key.toPublicJWK().toJSONObject();
            if (endorsements) {
                json.put("endorsements", List.of("msteams", "webchat"));
            }
            published.add(json);
        }
        if (endorsements) {
            for (RSAKey key : skypeOnly) {
                Map<String, Object> json = key.toPublicJWK().toJSONObject();
                json.put("endorsements", List.of("skype"));
                published.add(json);
            }
        }
        return JSONObjectUtils.toJSONString(Map.of("keys", published));
    }

    /** A Bot Framework key published as endorsed for Skype only: tokens it signs must not pass for Teams. */
    public RSAKey skypeOnlyKey() {
        RSAKey key = newKey();
        skypeOnly.add(key);
        return key;
    }

    private static void respond(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    private static Map<String, String> decode(String encoded) {
        if (encoded == null || encoded.isBlank() || !encoded.contains("=")) {
            return Map.of();
        }
        return java.util.Arrays.stream(encoded.split("&")).map(p -> p.split("=", 2))
                .collect(Collectors.toMap(p -> URLDecoder.decode(p[0], StandardCharsets.UTF_8),
                        p -> p.length > 1 ? URLDecoder.decode(p[1], StandardCharsets.UTF_8) : "", (a, b) -> b,
                        LinkedHashMap::new));
    }

    private static RSAKey newKey() {
        try {
            return new RSAKeyGenerator(2048).keyUse(KeyUse.SIGNATURE).keyID(UUID.randomUUID().toString())
                    .generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * A PKCS#12 file with a new self-signed certificate and its key, as an app registration's certificate credential
     * is exported; the store password is {@code changeit}.
     */
    public static Path certificate(Path dir) {
        Path store = dir.resolve("bot-credential-" + UUID.randomUUID() + ".p12");
        try {
            keytool("-genkeypair", "-alias", "bot", "-keyalg", "RSA", "-keysize", "2048", "-validity", "2",
                    "-dname", "CN=opsbot-test", "-storetype", "PKCS12", "-keystore", store.toString(), "-storepass",
                    "changeit", "-keypass", "changeit");
            return store;
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void keytool(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.waitFor() != 0) {
            throw new IOException("keytool failed: " + output);
        }
    }

    private static Thread daemon(Runnable r) {
        Thread t = new Thread(r, "fake-entra");
        t.setDaemon(true);
        return t;
    }

    static {
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }
}
