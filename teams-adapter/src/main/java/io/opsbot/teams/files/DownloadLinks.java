package io.opsbot.teams.files;

import io.opsbot.core.tenant.TenantRef;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Signs and checks download links: {@code <public url>/files/<id>?tenant=<tenant>&expires=<unix s>&sig=<hex>}, the
 * signature an HMAC-SHA256 over the file id, its tenant and the expiry, so a link works only for its file, within its
 * tenant, until it expires, on any instance. The key is {@code OPSBOT_FILES_SIGNING_KEY}, or else one random key the
 * first instance stores in MongoDB and every instance reads.
 */
@Component
public class DownloadLinks {

    public static final String PATH = "/files/";
    static final String KEY_COLLECTION = "teams_download_key";

    private final TeamsFileProperties properties;
    private final MongoTemplate mongo;
    private volatile byte[] key;

    public DownloadLinks(TeamsFileProperties properties, MongoTemplate mongo) {
        this.properties = properties;
        this.mongo = mongo;
    }

    /** The link to a stored file. */
    String link(String fileId, TenantRef tenant, Instant expires) {
        long at = expires.getEpochSecond();
        return properties.publicUrl() + PATH + fileId + "?tenant=" + URLEncoder.encode(tenant.tenantId(),
                StandardCharsets.UTF_8) + "&expires=" + at + "&sig=" + sign(fileId, tenant, at);
    }

    /** Whether the signature is the one this deployment made for these values (compared in constant time). */
    boolean valid(String fileId, TenantRef tenant, long expires, String signature) {
        return signature != null && MessageDigest.isEqual(sign(fileId, tenant, expires)
                .getBytes(StandardCharsets.US_ASCII), signature.getBytes(StandardCharsets.US_ASCII));
    }

    private String sign(String fileId, TenantRef tenant, long expires) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key(), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal((fileId + "\n" + tenant.key() + "\n" + expires)
                    .getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private byte[] key() {
        byte[] known = key;
        if (known != null) {
            return known;
        }
        if (!properties.signingKey().isEmpty()) {
            known = properties.signingKey().getBytes(StandardCharsets.UTF_8);
        } else {
            byte[] fresh = new byte[32];
            new SecureRandom().nextBytes(fresh);
            try {
                mongo.insert(new StoredKey("links", Base64.getEncoder().encodeToString(fresh)), KEY_COLLECTION);
            } catch (DuplicateKeyException e) {
                // Another instance was first: its key is the deployment's.
            }
            known = Base64.getDecoder().decode(mongo.findById("links", StoredKey.class, KEY_COLLECTION).key());
        }
        key = known;
        return known;
    }

    record StoredKey(String id, String key) {
    }
}
