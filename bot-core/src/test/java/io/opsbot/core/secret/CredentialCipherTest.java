package io.opsbot.core.secret;

import org.junit.jupiter.api.Test;

import java.security.SecureRandom;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

class CredentialCipherTest {

    private static String randomKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }

    private final CredentialCipher cipher = CredentialCipher.withKey(randomKey());

    @Test
    void opensWhatItSealedAndNeverShowsThePlaintext() {
        String sealed = cipher.seal("xoxb-17653672481-19874698323-pdFZKVeTuE8sk7oOcBrzbqgy", "slack:T1:bot");

        assertThat(sealed).startsWith("v1:").doesNotContain("xoxb").doesNotContain("pdFZKVeTuE8sk7oOcBrzbqgy");
        assertThat(cipher.open(sealed, "slack:T1:bot"))
                .isEqualTo("xoxb-17653672481-19874698323-pdFZKVeTuE8sk7oOcBrzbqgy");
    }

    @Test
    void theSameValueSealsDifferentlyEachTime() {
        assertThat(cipher.seal("xoxb-1", "p")).isNotEqualTo(cipher.seal("xoxb-1", "p"));
    }

    @Test
    void nullStaysNull() {
        assertThat(cipher.seal(null, "p")).isNull();
        assertThat(cipher.open(null, "p")).isNull();
    }

    @Test
    void aValueMovedToAnotherRecordDoesNotOpen() {
        String sealed = cipher.seal("xoxb-1", "slack:T1:bot");

        assertThatThrownBy(() -> cipher.open(sealed, "slack:T2:bot"))
                .isInstanceOf(CredentialCipher.CredentialException.class).hasMessageNotContaining("xoxb");
    }

    @Test
    void aTamperedValueDoesNotOpen() {
        String sealed = cipher.seal("xoxb-1", "p");
        char last = sealed.charAt(sealed.length() - 2);
        String tampered = sealed.substring(0, sealed.length() - 2) + (last == 'A' ? 'B' : 'A')
                + sealed.charAt(sealed.length() - 1);

        assertThatThrownBy(() -> cipher.open(tampered, "p")).isInstanceOf(CredentialCipher.CredentialException.class);
    }

    @Test
    void aValueSealedUnderAnotherKeyIsReportedAsSuch() {
        String sealed = CredentialCipher.withKey(randomKey()).seal("xoxb-1", "p");

        assertThatThrownBy(() -> cipher.open(sealed, "p")).hasMessageContaining("another OPSBOT_SECRET_KEY");
    }

    @Test
    void withoutAKeyItRefusesAndNamesTheVariable() {
        CredentialCipher none = CredentialCipher.withKey(null);

        assertThat(none.hasKey()).isFalse();
        assertThatThrownBy(() -> none.requireKey("Slack OAuth"))
                .isInstanceOf(CredentialCipher.MissingSecretKeyException.class)
                .hasMessageContaining("Slack OAuth").hasMessageContaining("OPSBOT_SECRET_KEY is not set");
        assertThatThrownBy(() -> none.seal("xoxb-1", "p")).hasMessageContaining("OPSBOT_SECRET_KEY");
    }

    @Test
    void aKeyOfTheWrongLengthIsRefusedWithoutEchoingIt() {
        String shortKey = Base64.getEncoder().encodeToString(new byte[16]);
        CredentialCipher wrong = CredentialCipher.withKey(shortKey);

        assertThatThrownBy(() -> wrong.requireKey("Slack OAuth"))
                .hasMessageContaining("32 random bytes").hasMessageNotContaining(shortKey);
        assertThat(wrong.toString()).doesNotContain(shortKey);
        assertThat(new SecretProperties().toString()).contains("unset");
    }

    @Test
    void aMissingKeyIsReportedAsWhyTheBotDidNotStartAndWhatToDo() {
        Throwable failure = new IllegalStateException("bean creation failed",
                catchThrowable(() -> CredentialCipher.withKey(null).requireKey("Slack OAuth")));

        var analysis = new MissingSecretKeyFailureAnalyzer().analyze(failure);

        assertThat(analysis.getDescription()).contains("OPSBOT_SECRET_KEY is not set");
        assertThat(analysis.getAction()).startsWith("Set OPSBOT_SECRET_KEY");
    }
}
