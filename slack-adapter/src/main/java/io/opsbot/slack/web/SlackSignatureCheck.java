package io.opsbot.slack.web;

import io.opsbot.core.claim.Claims;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;

/**
 * Slack's request signature (v0 HMAC-SHA256 of {@code v0:<timestamp>:<body>}) checked over the exact bytes that
 * arrived, before anything parses them: a form body encoded in any way Slack chooses ({@code %20}, {@code %2A}, a raw
 * {@code ~}) verifies as sent. A timestamp more than five minutes away from now, in either direction, is refused, and
 * so is a signature already seen in that window on any instance (it is claimed in MongoDB), so a captured request
 * cannot be replayed. Slack's own retries are new requests with a new timestamp and therefore a new signature.
 */
final class SlackSignatureCheck {

    static final Duration WINDOW = Duration.ofMinutes(5);

    enum Verdict {
        VALID, MISSING_HEADERS, BAD_TIMESTAMP, OUTSIDE_WINDOW, BAD_SIGNATURE, REPLAYED;

        boolean valid() {
            return this == VALID;
        }
    }

    private static final String VERSION = "v0";

    private final byte[] secret;
    private final Claims claims;
    private final Clock clock;

    SlackSignatureCheck(String signingSecret, Claims claims, Clock clock) {
        this.secret = signingSecret.getBytes(StandardCharsets.UTF_8);
        this.claims = claims;
        this.clock = clock;
    }

    Verdict verify(byte[] body, String timestampHeader, String signatureHeader) {
        if (secret.length == 0 || timestampHeader == null || signatureHeader == null) {
            return Verdict.MISSING_HEADERS;
        }
        long timestamp;
        try {
            timestamp = Long.parseLong(timestampHeader.strip());
        } catch (NumberFormatException e) {
            return Verdict.BAD_TIMESTAMP;
        }
        long now = clock.instant().getEpochSecond();
        if (Math.abs(now - timestamp) >= WINDOW.toSeconds()) {
            return Verdict.OUTSIDE_WINDOW;
        }
        byte[] expected = signature(timestamp, body).getBytes(StandardCharsets.US_ASCII);
        if (!MessageDigest.isEqual(expected, signatureHeader.strip().getBytes(StandardCharsets.US_ASCII))) {
            return Verdict.BAD_SIGNATURE;
        }
        // Kept for two windows: a request can be at most one window old or one window early. Not waited on to reach
        // the disk: any durable write the request makes (the item it saves) carries the claim to disk with it, so a
        // crash can lose only the claim of a request that stored nothing lasting, whose replay changes nothing.
        return claims.claimUnjournaled("slack-signature:" + signatureHeader.strip(), WINDOW.multipliedBy(2))
                ? Verdict.VALID : Verdict.REPLAYED;
    }

    String signature(long timestamp, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            mac.update((VERSION + ":" + timestamp + ":").getBytes(StandardCharsets.US_ASCII));
            return VERSION + "=" + HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }
}
