package io.opsbot.slack.outbound;

import com.google.gson.Gson;
import com.slack.api.Slack;
import com.slack.api.SlackConfig;
import com.slack.api.methods.MethodsClient;
import com.slack.api.methods.SlackApiException;
import com.slack.api.methods.SlackApiTextResponse;
import com.slack.api.util.json.GsonFactory;
import okhttp3.FormBody;
import okhttp3.Response;
import okhttp3.ResponseBody;

import java.io.IOException;

/**
 * Posts a Web API method's form and reads Slack's answer with one Gson for the gateway's life. The SDK's typed methods
 * build a new Gson for every answer they read, and with it, by reflection, a type adapter for each class of the answer
 * (a message, its blocks, their elements): in a 10,000-prompt fan-out that was a tenth of the process's CPU (JDK Flight
 * Recorder, bench {@code fanout}). The form is the SDK's own ({@code RequestFormBuilder}), so the request is the same.
 */
final class SlackAnswers {

    private final SlackConfig config;
    private final MethodsClient raw;
    private final Gson gson;

    SlackAnswers(Slack slack) {
        this.config = slack.getConfig();
        this.raw = slack.methods();
        this.gson = GsonFactory.createSnakeCase(config);
    }

    /** Calls {@code method} with {@code token}; a non-2xx answer throws as the SDK's methods do. */
    <T extends SlackApiTextResponse> T post(String method, FormBody.Builder form, String token, Class<T> type)
            throws IOException, SlackApiException {
        try (Response response = raw.runPostFormWithToken(form, method, token)) {
            ResponseBody body = response.body();
            String text = body == null ? "" : body.string();
            if (!response.isSuccessful()) {
                throw new SlackApiException(config, response, text);
            }
            T answer = gson.fromJson(text, type);
            answer.setHttpResponseHeaders(response.headers().toMultimap());
            return answer;
        }
    }
}
