package io.opsbot.teams.connector;

import io.opsbot.core.gateway.DeliveryException.Reason;
import org.junit.jupiter.api.Test;

import java.net.SocketTimeoutException;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.CompletionException;

import static org.assertj.core.api.Assertions.assertThat;

class ConnectorFailuresTest {

    @Test
    void statusesMapToReasons() {
        assertThat(ConnectorFailures.fromStatus("send", 429, "3", null, null).reason()).isEqualTo(Reason.RATE_LIMITED);
        assertThat(ConnectorFailures.fromStatus("send", 403, null, "BotNotInConversationRoster", null).getMessage())
                .contains("403 BotNotInConversationRoster");
        assertThat(ConnectorFailures.fromStatus("send", 404, null, null, null).reason()).isEqualTo(Reason.UNREACHABLE);
        assertThat(ConnectorFailures.fromStatus("send", 502, null, null, null).reason()).isEqualTo(Reason.TRANSIENT);
        assertThat(ConnectorFailures.fromStatus("send", 412, null, null, null).reason()).isEqualTo(Reason.TRANSIENT);
        assertThat(ConnectorFailures.fromStatus("send", 413, null, null, null).reason()).isEqualTo(Reason.REJECTED);
        assertThat(ConnectorFailures.fromStatus("send", 401, null, null, null).reason()).isEqualTo(Reason.REJECTED);
    }

    @Test
    void retryAfterIsReadAsSecondsOrAnHttpDate() {
        assertThat(ConnectorFailures.parseRetryAfter("12")).isEqualTo(Duration.ofSeconds(12));
        assertThat(ConnectorFailures.parseRetryAfter(" ")).isNull();
        assertThat(ConnectorFailures.parseRetryAfter("soon")).isNull();
        String inAMinute = DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now().plusSeconds(65));
        assertThat(ConnectorFailures.parseRetryAfter(inAMinute)).isBetween(Duration.ofSeconds(55),
                Duration.ofSeconds(65));
    }

    @Test
    void networkTroubleIsTransientAndTokenRefusalsAreRejected() {
        assertThat(ConnectorFailures.toDelivery("send", new CompletionException(new SocketTimeoutException("read")))
                .reason()).isEqualTo(Reason.TRANSIENT);
        assertThat(ConnectorFailures.toDelivery("send", new CompletionException(new java.io.IOException(
                "unexpected end of stream on http://127.0.0.1:56150/..."))).getMessage())
                .as("what the client said goes with the type, for the operator")
                .isEqualTo("Teams send failed: IOException (unexpected end of stream on http://127.0.0.1:56150/...)");
        assertThat(ConnectorFailures.toDelivery("send", new java.io.IOException()).getMessage())
                .isEqualTo("Teams send failed: IOException");
        assertThat(ConnectorFailures.toDelivery("send", new java.io.IOException("x".repeat(500))).getMessage())
                .as("at most 200 characters of what it said").hasSize("Teams send failed: IOException ()".length() + 200)
                .endsWith("…)");
        assertThat(ConnectorFailures.toDelivery("send", new CompletionException(new java.io.IOException(
                new TokenRequestException(401, "refused", null)))).reason()).isEqualTo(Reason.REJECTED);
        assertThat(ConnectorFailures.toDelivery("send", new java.io.IOException(
                new TokenRequestException(503, "down", null))).reason()).isEqualTo(Reason.TRANSIENT);
    }
}
