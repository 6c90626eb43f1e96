package io.opsbot.slack.oauth;

import com.slack.api.bolt.model.Installer;
import com.slack.api.bolt.request.builtin.OAuthCallbackRequest;
import com.slack.api.bolt.response.Response;
import com.slack.api.bolt.service.builtin.oauth.OAuthErrorHandler;
import com.slack.api.bolt.service.builtin.oauth.OAuthExceptionHandler;
import com.slack.api.bolt.service.builtin.oauth.OAuthStateErrorHandler;
import com.slack.api.bolt.service.builtin.oauth.OAuthV2AccessErrorHandler;
import com.slack.api.bolt.service.builtin.oauth.view.OAuthInstallPageRenderer;
import com.slack.api.bolt.service.builtin.oauth.view.OAuthRedirectUriPageRenderer;
import com.slack.api.methods.response.oauth.OAuthV2AccessResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import io.opsbot.slack.web.RefusedRequests;
import org.springframework.web.util.HtmlUtils;

import java.time.Clock;
import java.util.HashMap;
import java.util.List;

/**
 * The pages a person installing the app sees: "Add to Slack" with what the app will be allowed to do, then the
 * outcome. A refused install answers with an error status and says what to do; nothing shown comes unescaped from a
 * request, and nothing logged holds a code, a state or a token.
 */
public class OAuthPages implements OAuthInstallPageRenderer, OAuthRedirectUriPageRenderer {

    private static final Logger log = LoggerFactory.getLogger(OAuthPages.class);

    private final List<String> scopes;
    private final String installPath;
    private final String cancellationUrl;
    /** Anyone can send a redirect with a made-up state: such refusals cost a log line a minute. */
    private final RefusedRequests refusals;

    public OAuthPages(List<String> scopes, String installPath, String cancellationUrl, Clock clock) {
        this.scopes = List.copyOf(scopes);
        this.installPath = installPath;
        this.cancellationUrl = cancellationUrl;
        this.refusals = new RefusedRequests(clock);
    }

    @Override
    public String render(String authorizeUrl) {
        StringBuilder list = new StringBuilder();
        scopes.forEach(scope -> list.append("<li><code>").append(escape(scope)).append("</code></li>"));
        return page("Add Product Ops Bot to Slack",
                "<p>Product Ops Bot captures feedback for triage, runs async standups, OKR check-ins, onboarding and "
                        + "trainings in your workspace.</p>"
                        + "<p>It asks for these permissions (bot scopes):</p><ul>" + list + "</ul>"
                        + "<p><a class=\"button\" href=\"" + escape(authorizeUrl) + "\">Add to Slack</a></p>"
                        + "<p class=\"small\">This link works once, for a limited time.</p>");
    }

    @Override
    public String renderSuccessPage(Installer installer, String completionUrl) {
        String where = installer.getIsEnterpriseInstall() != null && installer.getIsEnterpriseInstall()
                ? "your Enterprise Grid org" : "your workspace";
        String open = installer.getAppId() == null ? "" : "<p><a class=\"button\" href=\"https://slack.com/app_redirect?app="
                + escape(installer.getAppId()) + (installer.getTeamId() == null ? "" : "&amp;team="
                + escape(installer.getTeamId())) + "\">Open Slack</a></p>";
        return page("Product Ops Bot is installed",
                "<p>Product Ops Bot is now installed in " + where + ". Open its Home tab in Slack to see what is "
                        + "waiting for you, or type <code>/feedback</code> in any channel.</p>" + open);
    }

    @Override
    public String renderFailurePage(String installPath, String reason) {
        return page("Product Ops Bot was not installed", "<p>" + escape(explain(reason)) + "</p><p><a href=\""
                + escape(installPath == null ? this.installPath : installPath) + "\">Start the install again</a></p>");
    }

    /** The redirect's state is unknown, expired or already used (a reload, a shared link, a forgery). */
    public OAuthStateErrorHandler stateError() {
        return (request, response) -> {
            refusals.refused("an OAuth redirect whose state is unknown, expired or already used");
            return failure(response, 400, "invalid_state");
        };
    }

    /** Slack sent the person back with an error: usually they cancelled. */
    public OAuthErrorHandler error() {
        return (request, response) -> {
            String error = request.getPayload().getError();
            log.info("Slack OAuth ended without an install: {}", safe(error));
            return failure(response, 200, error);
        };
    }

    /** oauth.v2.access refused the code (expired, already used, wrong client). */
    public OAuthV2AccessErrorHandler accessError() {
        return (request, response, apiResponse) -> {
            log.warn("oauth.v2.access refused the install: {}", safe(apiResponse.getError()));
            return failure(response, 502, "access:" + apiResponse.getError());
        };
    }

    public OAuthExceptionHandler exception() {
        return (request, response, e) -> {
            log.error("Slack OAuth install failed: {}", e.toString());
            return failure(response, 500, "exception");
        };
    }

    private Response failure(Response response, int status, String reason) {
        if (response.getHeaders() == null) {
            response.setHeaders(new HashMap<>());
        }
        if (cancellationUrl != null) {
            response.setStatusCode(302);
            response.getHeaders().put("Location", List.of(cancellationUrl));
            return response;
        }
        response.setStatusCode(status);
        response.setContentType("text/html; charset=utf-8");
        response.setBody(renderFailurePage(installPath, reason));
        return response;
    }

    private static String explain(String reason) {
        if (reason == null) {
            return "Slack did not complete the install.";
        }
        return switch (reason) {
            case "invalid_state" -> "This install link has expired or was already used.";
            case "access_denied" -> "The install was cancelled.";
            case "exception" -> "Something went wrong while saving the install. Please try again.";
            default -> reason.startsWith("access:") ? "Slack did not accept the install (" + reason.substring(7)
                    + ")." : "Slack did not complete the install (" + reason + ").";
        };
    }

    /** An error code from Slack, as far as it looks like one (it arrives in the redirect's query). */
    private static String safe(String error) {
        return error == null ? "none" : error.replaceAll("[^a-z0-9_.:-]", "?");
    }

    private static String escape(String text) {
        return HtmlUtils.htmlEscape(text);
    }

    private static String page(String title, String body) {
        return "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + escape(title)
                + "</title><style>body{font-family:sans-serif;max-width:40em;margin:3em auto;padding:0 1em}"
                + ".button{display:inline-block;padding:.6em 1.2em;background:#4a154b;color:#fff;border-radius:4px;"
                + "text-decoration:none}.small{color:#666;font-size:.9em}</style></head><body><h1>" + escape(title)
                + "</h1>" + body + "</body></html>";
    }
}
