package io.opsbot.slack.outbound;

import com.slack.api.methods.SlackApiException;
import com.slack.api.methods.SlackApiTextResponse;
import io.opsbot.core.gateway.DeliveryException;
import io.opsbot.core.gateway.DeliveryException.Reason;

import java.io.IOException;
import java.time.Duration;
import java.util.Set;

/** Translates Web API failures into the core's {@link DeliveryException} reasons. */
final class SlackFailures {

    /** Errors meaning the bot cannot reach that conversation or person (docs.slack.dev method error lists). */
    private static final Set<String> UNREACHABLE = Set.of("not_in_channel", "channel_not_found", "is_archived",
            "user_not_found", "cannot_dm_bot", "user_disabled", "account_inactive", "user_not_visible",
            "restricted_action", "messages_tab_disabled", "team_access_not_granted", "message_not_found");
    private static final Set<String> TRANSIENT = Set.of("internal_error", "fatal_error", "service_unavailable",
            "request_timeout", "ratelimited");

    /** Errors meaning Slack refuses the bot's token itself: every call with it will fail the same way. */
    private static final Set<String> TOKEN_REFUSED = Set.of("invalid_auth", "not_authed", "token_revoked",
            "token_expired");

    private SlackFailures() {
    }

    static <T extends SlackApiTextResponse> T check(String method, T response) {
        if (response.isOk()) {
            return response;
        }
        String error = response.getError();
        if ("ratelimited".equals(error)) {
            throw new DeliveryException(Reason.RATE_LIMITED, method + ": ratelimited", Duration.ofSeconds(30), null);
        }
        Reason reason = UNREACHABLE.contains(error) ? Reason.UNREACHABLE
                : TRANSIENT.contains(error) ? Reason.TRANSIENT : Reason.REJECTED;
        throw new DeliveryException(reason, method + ": " + error);
    }

    static boolean refusesToken(String error) {
        return TOKEN_REFUSED.contains(error);
    }

    static DeliveryException from(String method, Exception e) {
        if (e instanceof SlackApiException api) {
            int status = api.getResponse().code();
            if (status == 429) {
                String header = api.getResponse().header("Retry-After");
                Duration wait = Duration.ofSeconds(parseSeconds(header));
                return new DeliveryException(Reason.RATE_LIMITED, method + ": HTTP 429", wait, e);
            }
            Reason reason = status >= 500 ? Reason.TRANSIENT : Reason.REJECTED;
            return new DeliveryException(reason, method + ": HTTP " + status, null, e);
        }
        if (e instanceof IOException) {
            return new DeliveryException(Reason.TRANSIENT, method + ": " + e.getClass().getSimpleName(), null, e);
        }
        return new DeliveryException(Reason.TRANSIENT, method + ": " + e.getMessage(), null, e);
    }

    private static long parseSeconds(String header) {
        try {
            return header == null ? 30 : Math.max(1, Long.parseLong(header.trim()));
        } catch (NumberFormatException e) {
            return 30;
        }
    }
}
