package io.opsbot.slack.outbound;

import com.slack.api.Slack;
import com.slack.api.methods.MethodsClient;
import com.slack.api.methods.request.files.FilesCompleteUploadExternalRequest;
import com.slack.api.methods.response.conversations.ConversationsOpenResponse;
import com.slack.api.methods.response.files.FilesGetUploadURLExternalResponse;
import io.opsbot.core.gateway.ChatFile;
import io.opsbot.core.gateway.DeliveryException;
import io.opsbot.core.gateway.DeliveryException.Reason;
import io.opsbot.core.gateway.Destination;
import io.opsbot.core.gateway.FileGateway;
import io.opsbot.core.message.Message;
import io.opsbot.core.tenant.Platform;
import io.opsbot.slack.installation.SlackInstallations;
import io.opsbot.slack.render.BlockKitRenderer;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

import java.io.IOException;
import java.util.List;

/**
 * Files into a person's DM with the app, the way Slack has wanted since files.upload was retired: conversations.open
 * for the DM's channel id, files.getUploadURLExternal for an upload URL and file id, the bytes POSTed to that URL
 * (200 means stored), then files.completeUploadExternal shares the file in the DM with the comment as its message.
 * Needs the {@code files:write} scope (and {@code im:write} for the DM).
 */
public class SlackFileGateway implements FileGateway {

    private final Slack slack;
    private final SlackInstallations installations;
    private final SlackPacing pacing;
    private final SlackWebApi api;

    public SlackFileGateway(Slack slack, SlackInstallations installations, SlackPacing pacing, SlackWebApi api) {
        this.slack = slack;
        this.api = api;
        this.installations = installations;
        this.pacing = pacing;
    }

    @Override
    public Platform platform() {
        return Platform.SLACK;
    }

    @Override
    public void sendFile(Destination.Direct to, ChatFile file, Message comment) {
        String user = to.user().userId();
        MethodsClient client = SlackChatGateway.clientFor(slack, installations, to.tenant());
        ConversationsOpenResponse dm = api.call("conversations.open",
                () -> client.conversationsOpen(r -> r.users(List.of(user))));
        String channel = dm.getChannel().getId();
        FilesGetUploadURLExternalResponse upload = api.call("files.getUploadURLExternal",
                () -> client.filesGetUploadURLExternal(r -> r.filename(file.name()).length(file.content().length)));
        post(upload.getUploadUrl(), file);
        pacing.post(to.tenant(), channel);
        api.call("files.completeUploadExternal", () -> client.filesCompleteUploadExternal(r -> r
                .files(List.of(FilesCompleteUploadExternalRequest.FileDetails.builder().id(upload.getFileId())
                        .title(file.name()).build()))
                .channelId(channel)
                .initialComment(BlockKitRenderer.fallbackText(comment))));
    }

    /** The upload itself: the raw bytes, as Slack's own SDK sends them. */
    private void post(String url, ChatFile file) {
        Request request = new Request.Builder().url(url)
                .post(RequestBody.create(file.content(), MediaType.parse(file.mediaType()))).build();
        try (Response response = slack.getHttpClient().getOkHttpClient().newCall(request).execute()) {
            if (response.code() != 200) {
                Reason reason = response.code() >= 500 || response.code() == 429 ? Reason.TRANSIENT : Reason.REJECTED;
                throw api.noted(new DeliveryException(reason, "file upload: HTTP " + response.code()));
            }
        } catch (IOException e) {
            throw api.noted(new DeliveryException(Reason.TRANSIENT, "file upload: " + e.getClass().getSimpleName(),
                    null, e));
        }
    }
}
