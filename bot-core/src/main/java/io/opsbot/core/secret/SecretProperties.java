package io.opsbot.core.secret;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code opsbot.secret.key}: the key that encrypts stored credentials, from {@code OPSBOT_SECRET_KEY} only. 32 random
 * bytes, Base64-encoded ({@code openssl rand -base64 32}). {@link #toString()} never shows it.
 */
@ConfigurationProperties("opsbot.secret")
public class SecretProperties {

    private String key;

    public String getKey() {
        return key;
    }

    public void setKey(String key) {
        this.key = key;
    }

    @Override
    public String toString() {
        return "SecretProperties[key=" + (key == null || key.isBlank() ? "unset" : "set") + "]";
    }
}
