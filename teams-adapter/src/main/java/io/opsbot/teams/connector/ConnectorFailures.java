package io.opsbot.teams.connector;

import com.microsoft.bot.connector.rest.ErrorResponseException;
import com.microsoft.bot.schema.ErrorResponse;
import io.opsbot.core.gateway.DeliveryException;
import io.opsbot.core.gateway.DeliveryException.Reason;
import io.opsbot.core.message.Texts;

import java.io.IOException;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * Turns what the SDK throws into the core's {@link DeliveryException}, so callers know whether trying again helps:
 * 429 waits for Retry-After, 403/404 mean the bot is not (or no longer) in that conversation, 5xx/408/412 and network
 * trouble are transient, any other 4xx is final.
 */
public final class ConnectorFailures {

    /** Above the HTTP client's own connect + read timeouts, so this only fires if those somehow do not. */
    static final long CALL_TIMEOUT_SECONDS = 30;
    /** How much of a network failure's own message goes into the delivery's error. */
    private static final int MAX_SAID = 200;

    private ConnectorFailures() {
    }

    /** Runs one connector call and waits for it; every failure comes out as a {@link DeliveryException}. */
    public static <T> T call(String operation, Supplier<CompletableFuture<T>> request) {
        try {
            return request.get().get(CALL_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DeliveryException(Reason.TRANSIENT, "Teams " + operation + " interrupted", null, e);
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            throw toDelivery(operation, e);
        }
    }

    public static DeliveryException toDelivery(String operation, Throwable failure) {
        Throwable cause = unwrap(failure);
        if (cause instanceof DeliveryException delivery) {
            return delivery;
        }
        if (cause instanceof ErrorResponseException error && error.response() != null) {
            return fromStatus(operation, error.response().code(), error.response().headers().get("Retry-After"),
                    errorCode(error), cause);
        }
        TokenRequestException token = find(cause, TokenRequestException.class);
        if (token != null) {
            return new DeliveryException(token.refused() ? Reason.REJECTED : Reason.TRANSIENT, "Teams " + operation
                    + ": " + token.getMessage() + (token.refused() ? " (check MICROSOFT_APP_TYPE, MICROSOFT_APP_ID, "
                    + "MICROSOFT_APP_TENANT_ID and the bot's secret, certificate or managed identity)" : ""), null,
                    cause);
        }
        if (cause instanceof IOException || cause instanceof TimeoutException) {
            return new DeliveryException(Reason.TRANSIENT, "Teams " + operation + " failed: " + described(cause), null,
                    cause);
        }
        return new DeliveryException(Reason.REJECTED, "Teams " + operation + " failed: "
                + cause.getClass().getSimpleName(), null, cause);
    }

    /**
     * The failure's type and, for network trouble, what the client said ("Connection reset", "timeout"): the
     * operator's only clue in the outbox's log and the delivery's last error. Never a request or response body.
     */
    private static String described(Throwable cause) {
        String said = cause.getMessage();
        return cause.getClass().getSimpleName() + (said == null || said.isBlank() ? ""
                : " (" + Texts.cut(said.strip(), MAX_SAID) + ")");
    }

    static DeliveryException fromStatus(String operation, int status, String retryAfter, String errorCode,
                                        Throwable cause) {
        String message = "Teams " + operation + " answered HTTP " + status + (errorCode == null ? "" : " " + errorCode);
        if (status == 429) {
            return new DeliveryException(Reason.RATE_LIMITED, message, parseRetryAfter(retryAfter), cause);
        }
        if (status == 403 || status == 404) {
            return new DeliveryException(Reason.UNREACHABLE, message
                    + " (the bot is not installed there or not a member of that conversation)", null, cause);
        }
        if (status >= 500 || status == 408 || status == 412) {
            return new DeliveryException(Reason.TRANSIENT, message, parseRetryAfter(retryAfter), cause);
        }
        return new DeliveryException(Reason.REJECTED, message, null, cause);
    }

    /** Retry-After as delta-seconds or an HTTP date; null when absent or unreadable. */
    static Duration parseRetryAfter(String header) {
        if (header == null || header.isBlank()) {
            return null;
        }
        String value = header.strip();
        try {
            return Duration.ofSeconds(Math.max(0, Long.parseLong(value)));
        } catch (NumberFormatException e) {
            try {
                Duration wait = Duration.between(java.time.Instant.now(),
                        ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
                return wait.isNegative() ? Duration.ZERO : wait;
            } catch (DateTimeParseException notADate) {
                return null;
            }
        }
    }

    private static String errorCode(ErrorResponseException error) {
        try {
            ErrorResponse body = error.body();
            return body == null || body.getError() == null ? null : body.getError().getCode();
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static Throwable unwrap(Throwable failure) {
        Throwable t = failure;
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }

    private static <T extends Throwable> T find(Throwable failure, Class<T> type) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }
}
