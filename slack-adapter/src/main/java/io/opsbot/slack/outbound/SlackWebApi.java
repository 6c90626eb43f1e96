package io.opsbot.slack.outbound;

import com.slack.api.methods.SlackApiException;
import com.slack.api.methods.SlackApiTextResponse;
import io.opsbot.core.gateway.DeliveryException;

import java.io.IOException;

/** One Web API call: its failures translated for the outbox ({@link SlackFailures}), its outcome noted for health. */
public class SlackWebApi {

    interface SlackCall<T extends SlackApiTextResponse> {
        T call() throws IOException, SlackApiException;
    }

    private final SlackWebApiStatus status;

    public SlackWebApi(SlackWebApiStatus status) {
        this.status = status;
    }

    <T extends SlackApiTextResponse> T call(String method, SlackCall<T> call) {
        T response;
        try {
            response = call.call();
        } catch (IOException | SlackApiException e) {
            throw noted(SlackFailures.from(method, e));
        }
        if (!response.isOk() && SlackFailures.refusesToken(response.getError())) {
            status.failed(method + ": " + response.getError(), true);
            return SlackFailures.check(method, response);
        }
        try {
            T ok = SlackFailures.check(method, response);
            status.answered();
            return ok;
        } catch (DeliveryException e) {
            throw noted(e);
        }
    }

    /** An upload's own HTTP request (not a Web API method) counts the same way. */
    DeliveryException noted(DeliveryException e) {
        if (e.reason() == DeliveryException.Reason.TRANSIENT) {
            status.failed(e.getMessage(), false);
        } else {
            status.answered();
        }
        return e;
    }
}
