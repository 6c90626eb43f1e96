package io.opsbot.dashboard.signin;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;
import java.util.List;

/**
 * The dashboard's settings under {@code opsbot.dashboard}. A provider is offered when its client id and secret are
 * set (from the environment only); the endpoints default to Slack's and Microsoft's and are settable for tests.
 * {@link #toString} and the providers' never show a secret.
 *
 * @param publicUrl      where people reach the bot ({@code OPSBOT_PUBLIC_URL}); the sign-in redirect is built on it,
 *                       else on the request's own address
 * @param sessionTimeout how long a signed-in session lasts without a request
 */
@Validated
@ConfigurationProperties("opsbot.dashboard")
public record DashboardProperties(String publicUrl, @DefaultValue("8h") Duration sessionTimeout,
                                  @Valid @DefaultValue Slack slack, @Valid @DefaultValue Microsoft microsoft) {

    public DashboardProperties {
        publicUrl = publicUrl == null || publicUrl.isBlank() ? null : publicUrl.strip().replaceAll("/+$", "");
    }

    /** Sign in with Slack (OpenID Connect): the Slack app's client id and secret. */
    public record Slack(String clientId, String clientSecret,
                        @NotBlank @DefaultValue("https://slack.com") String issuer,
                        @NotBlank @DefaultValue("https://slack.com/openid/connect/authorize") String authorizationUri,
                        @NotBlank @DefaultValue("https://slack.com/api/openid.connect.token") String tokenUri,
                        @NotBlank @DefaultValue("https://slack.com/openid/connect/keys") String jwkSetUri) {

        public boolean configured() {
            return present(clientId) && present(clientSecret);
        }

        @Override
        public String toString() {
            return "Slack[clientId=" + clientId + ", clientSecret=" + hidden(clientSecret) + ", issuer=" + issuer + "]";
        }
    }

    /**
     * Microsoft Entra ID (OpenID Connect) through the {@code organizations} endpoint: any work or school account,
     * unless {@code allowedTenants} names the tenant ids that may sign in. Its ID tokens are issued by the person's
     * own tenant, so the issuer is checked against {@code issuerTemplate} with {@code {tid}} put in.
     */
    public record Microsoft(String clientId, String clientSecret,
                            @NotBlank @DefaultValue("https://login.microsoftonline.com/organizations/oauth2/v2.0/authorize")
                            String authorizationUri,
                            @NotBlank @DefaultValue("https://login.microsoftonline.com/organizations/oauth2/v2.0/token")
                            String tokenUri,
                            @NotBlank @DefaultValue("https://login.microsoftonline.com/organizations/discovery/v2.0/keys")
                            String jwkSetUri,
                            @NotBlank @DefaultValue("https://login.microsoftonline.com/{tid}/v2.0") String issuerTemplate,
                            List<String> allowedTenants) {

        public Microsoft {
            allowedTenants = allowedTenants == null ? List.of()
                    : allowedTenants.stream().map(String::strip).filter(t -> !t.isEmpty()).toList();
        }

        public boolean configured() {
            return present(clientId) && present(clientSecret);
        }

        @Override
        public String toString() {
            return "Microsoft[clientId=" + clientId + ", clientSecret=" + hidden(clientSecret) + ", allowedTenants="
                   + allowedTenants + "]";
        }
    }

    private static boolean present(String value) {
        return value != null && !value.isBlank();
    }

    private static String hidden(String secret) {
        return present(secret) ? "[hidden]" : "[none]";
    }
}
