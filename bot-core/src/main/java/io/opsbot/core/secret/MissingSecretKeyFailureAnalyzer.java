package io.opsbot.core.secret;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * The bot refusing to start for want of {@code OPSBOT_SECRET_KEY} says so in Spring Boot's "APPLICATION FAILED TO
 * START" report (what is wrong, what to do), not at the bottom of a stack trace.
 */
class MissingSecretKeyFailureAnalyzer extends AbstractFailureAnalyzer<CredentialCipher.MissingSecretKeyException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, CredentialCipher.MissingSecretKeyException cause) {
        return new FailureAnalysis(cause.getMessage(), "Set " + CredentialCipher.VARIABLE + " in the environment "
                + "to 32 random bytes in Base64 (openssl rand -base64 32), and keep it: credentials stored under one "
                + "key open only with that key.", cause);
    }
}
