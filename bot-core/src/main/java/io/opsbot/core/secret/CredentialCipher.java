package io.opsbot.core.secret;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * The one way credentials are kept at rest: AES-256-GCM (the JDK's) with a fresh 96-bit nonce per value, the key from
 * {@code OPSBOT_SECRET_KEY}. A sealed value reads {@code v1:<key id>:<base64url(nonce | ciphertext | tag)>}; the key
 * id (the first bytes of the key's SHA-256) tells a value sealed under another key apart from a damaged one. Each value
 * is bound to what it is for ({@code purpose}, e.g. the installation and the token's kind) as associated data, so a
 * value copied onto another record does not open there.
 *
 * <p>Without a key the bean exists but refuses to seal or open anything; a feature that keeps credentials calls
 * {@link #requireKey(String)} at start-up, so the bot refuses to start and names the variable instead of failing at the
 * first install.
 */
@Component
@EnableConfigurationProperties(SecretProperties.class)
public class CredentialCipher {

    static final String VARIABLE = "OPSBOT_SECRET_KEY";
    private static final String VERSION = "v1";
    private static final int KEY_BYTES = 32;
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final SecretKeySpec key;
    private final String keyId;
    private final String keyProblem;
    private final SecureRandom random = new SecureRandom();

    @Autowired
    public CredentialCipher(SecretProperties properties) {
        this(properties.getKey());
    }

    CredentialCipher(String base64Key) {
        byte[] bytes = decodeKey(base64Key);
        if (bytes == null) {
            key = null;
            keyId = null;
            keyProblem = base64Key == null || base64Key.isBlank() ? VARIABLE + " is not set"
                    : VARIABLE + " must be " + KEY_BYTES + " random bytes in Base64 (openssl rand -base64 32)";
        } else {
            key = new SecretKeySpec(bytes, "AES");
            keyId = keyId(bytes);
            keyProblem = null;
        }
    }

    /** A cipher with this key, for tests and tools. */
    public static CredentialCipher withKey(String base64Key) {
        return new CredentialCipher(base64Key);
    }

    public boolean hasKey() {
        return key != null;
    }

    /**
     * Fails with a message naming {@code OPSBOT_SECRET_KEY} when no usable key is set: called at start-up by whatever
     * needs to keep credentials ({@code feature} says what, for the message).
     */
    public void requireKey(String feature) {
        if (key == null) {
            throw new MissingSecretKeyException(feature + " keeps credentials encrypted, but " + keyProblem
                    + ". Set " + VARIABLE + " to 32 random bytes in Base64, e.g. the output of: openssl rand -base64 32");
        }
    }

    /** Seals {@code plaintext} for {@code purpose}; null stays null. */
    public String seal(String plaintext, String purpose) {
        if (plaintext == null) {
            return null;
        }
        requireKey("Storing a credential");
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        byte[] sealed = run(Cipher.ENCRYPT_MODE, nonce, purpose, plaintext.getBytes(StandardCharsets.UTF_8));
        byte[] out = ByteBuffer.allocate(nonce.length + sealed.length).put(nonce).put(sealed).array();
        return VERSION + ":" + keyId + ":" + Base64.getUrlEncoder().withoutPadding().encodeToString(out);
    }

    /** Opens what {@link #seal} produced for the same {@code purpose}; null stays null. */
    public String open(String sealed, String purpose) {
        if (sealed == null) {
            return null;
        }
        requireKey("Reading a stored credential");
        String[] parts = sealed.split(":", 3);
        if (parts.length != 3 || !VERSION.equals(parts[0])) {
            throw new CredentialException("a stored credential is not in the " + VERSION + " format");
        }
        if (!keyId.equals(parts[1])) {
            throw new CredentialException("a stored credential was encrypted with another " + VARIABLE
                    + " (key id " + parts[1] + ", this one is " + keyId + ")");
        }
        byte[] in;
        try {
            in = Base64.getUrlDecoder().decode(parts[2]);
        } catch (IllegalArgumentException e) {
            throw new CredentialException("a stored credential is damaged");
        }
        if (in.length < NONCE_BYTES + TAG_BITS / 8) {
            throw new CredentialException("a stored credential is damaged");
        }
        byte[] nonce = java.util.Arrays.copyOfRange(in, 0, NONCE_BYTES);
        byte[] body = java.util.Arrays.copyOfRange(in, NONCE_BYTES, in.length);
        return new String(run(Cipher.DECRYPT_MODE, nonce, purpose, body), StandardCharsets.UTF_8);
    }

    private byte[] run(int mode, byte[] nonce, String purpose, byte[] input) {
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(mode, key, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(purpose.getBytes(StandardCharsets.UTF_8));
            return cipher.doFinal(input);
        } catch (AEADBadTagException e) {
            throw new CredentialException("a stored credential does not open: damaged, or stored for something else");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available", e);
        }
    }

    private static byte[] decodeKey(String base64Key) {
        if (base64Key == null || base64Key.isBlank()) {
            return null;
        }
        try {
            byte[] bytes = Base64.getDecoder().decode(base64Key.strip());
            return bytes.length == KEY_BYTES ? bytes : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static String keyId(byte[] key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key);
            return HexFormat.of().formatHex(digest, 0, 4);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }

    @Override
    public String toString() {
        return "CredentialCipher[" + (key == null ? "no key" : "key " + keyId) + "]";
    }

    /** A stored credential that cannot be opened. The message never holds the credential. */
    public static class CredentialException extends IllegalStateException {
        public CredentialException(String message) {
            super(message);
        }
    }

    /** Credentials must be kept, and {@code OPSBOT_SECRET_KEY} is missing or unusable. */
    public static class MissingSecretKeyException extends IllegalStateException {
        public MissingSecretKeyException(String message) {
            super(message);
        }
    }
}
