package io.opsbot.teams.auth;

import javax.net.ssl.SSLSocketFactory;

/**
 * The TLS trust for Microsoft's identity endpoints (token endpoints, OpenID metadata, key sets), when the JVM's own is
 * not the one to use. No bean of this type in production; tests declare one trusting their local fake Entra.
 */
public record IdentityTls(SSLSocketFactory socketFactory) {
}
