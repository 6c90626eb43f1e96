package io.opsbot.slack.installation;

import com.slack.api.app_backend.interactive_components.response.ActionResponse;
import com.slack.api.bolt.context.Context;
import com.slack.api.bolt.middleware.Middleware;
import com.slack.api.bolt.middleware.MiddlewareChain;
import com.slack.api.bolt.middleware.MiddlewareOps;
import com.slack.api.bolt.request.Request;
import com.slack.api.bolt.request.RequestType;
import com.slack.api.bolt.request.builtin.BlockActionRequest;
import com.slack.api.bolt.request.builtin.MessageShortcutRequest;
import com.slack.api.bolt.response.Response;
import com.slack.api.bolt.util.Responder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Bolt's authorization step, checking the workspace: a request is served only by the installation of the workspace
 * (or org) it comes from. Bolt's own single-team authorization instead stamps the installed workspace onto every
 * request, so a request from another workspace would be stored under, and change, the installed one's data. A request
 * nobody here serves is refused with a clear reply where Slack shows one (slash commands, buttons and shortcuts) and
 * goes no further: nothing is stored, posted or changed.
 */
public class InstallationAuthorization implements Middleware {

    private static final Logger log = LoggerFactory.getLogger(InstallationAuthorization.class);

    private final SlackInstallations installations;

    public InstallationAuthorization(SlackInstallations installations) {
        this.installations = installations;
    }

    @Override
    @SuppressWarnings("rawtypes") // Bolt's Middleware declares the raw type
    public Response apply(Request req, Response resp, MiddlewareChain chain) throws Exception {
        // app_uninstalled and tokens_revoked arrive when the tokens may already be gone (in either order).
        if (MiddlewareOps.isNoAuthRequiredRequest(req.getRequestType()) || MiddlewareOps.isNoTokenRequiredRequest(req)) {
            return chain.next(req);
        }
        Context context = req.getContext();
        Optional<SlackInstallation> installation = installations.serving(context.getEnterpriseId(),
                context.getTeamId());
        if (installation.isEmpty()) {
            log.info("Refused a Slack {} from team {} / enterprise {}: no installation serves it",
                    req.getRequestType(), context.getTeamId(), context.getEnterpriseId());
            return refuse(req, installations.notServedReply());
        }
        SlackInstallation serving = installation.get();
        context.setBotToken(serving.botToken());
        context.setBotUserId(serving.botUserId());
        context.setBotId(serving.botId());
        // The installation, not the payload, says whose data this is: an org-wide install's tenant is the org.
        context.setEnterpriseInstall(serving.enterpriseInstall());
        if (serving.enterpriseInstall()) {
            context.setEnterpriseId(serving.enterpriseId());
        }
        return chain.next(req);
    }

    private static Response refuse(Request<?> req, String reply) {
        if (req.getRequestType() == RequestType.Command) {
            return Response.json(200, Map.of("response_type", "ephemeral", "text", reply));
        }
        if (req.getRequestType() == RequestType.Event) {
            // Acknowledged, so Slack does not retry what will never be served.
            return Response.builder().statusCode(200).headers(Map.of("X-Slack-No-Retry", List.of("1"))).build();
        }
        responseUrl(req).ifPresent(url -> {
            try {
                new Responder(req.getContext().getSlack(), url).send(ActionResponse.builder()
                        .responseType("ephemeral").replaceOriginal(false).text(reply).build());
            } catch (Exception e) {
                log.info("Could not send the refusal through response_url: {}", e.toString());
            }
        });
        return Response.ok();
    }

    private static Optional<String> responseUrl(Request<?> req) {
        if (req instanceof BlockActionRequest action) {
            return Optional.ofNullable(action.getPayload().getResponseUrl());
        }
        if (req instanceof MessageShortcutRequest shortcut) {
            return Optional.ofNullable(shortcut.getPayload().getResponseUrl());
        }
        return Optional.empty();
    }
}
