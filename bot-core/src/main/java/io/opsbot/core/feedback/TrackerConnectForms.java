package io.opsbot.core.feedback;

import io.opsbot.core.access.Permission;
import io.opsbot.core.access.Role;
import io.opsbot.core.conversation.FormHandler;
import io.opsbot.core.form.Form;
import io.opsbot.core.form.Input;
import io.opsbot.core.message.Markup;
import io.opsbot.core.message.Message;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * {@code feedback connect jira} and {@code feedback connect trello}: an admin's form for the credentials. The
 * credentials are tried before anything is kept; the confirmation never repeats them (only what Jira needs to sign
 * its webhooks, shown this once).
 */
@Configuration(proxyBeanMethods = false)
public class TrackerConnectForms {

    static final String JIRA_FORM = "feedback.connect-jira";
    static final String TRELLO_FORM = "feedback.connect-trello";
    static final String CONNECT = "connect Jira or Trello";
    private static final Permission ADMINS = Permission.of(Role.ADMIN, CONNECT);

    static Form jira() {
        return Form.builder(JIRA_FORM, "Connect Jira").submit("Connect")
                .input(Input.text("site").label("Jira site").required().max(200)
                        .placeholder("https://acme.atlassian.net"))
                .input(Input.text("email").label("Account e-mail").required().max(200)
                        .hint("Issues are created as this account."))
                .input(Input.text("token").label("API token").required().max(500).secret()
                        .hint("id.atlassian.com → Security → API tokens. Kept encrypted, never shown again."))
                .build();
    }

    static Form trello() {
        return Form.builder(TRELLO_FORM, "Connect Trello").submit("Connect")
                .input(Input.text("key").label("API key").required().max(200)
                        .hint("Your Power-Up's API key (trello.com/power-ups/admin)."))
                .input(Input.text("secret").label("API secret").required().max(200).secret()
                        .hint("Shown next to the key: Trello signs its webhooks with it."))
                .input(Input.text("token").label("Token").required().max(500).secret()
                        .hint("Kept encrypted, never shown again."))
                .build();
    }

    @Bean
    FormHandler jiraConnectForm(TrackerConnections connections) {
        return new TrackerFormHandler(JIRA_FORM, ADMINS, submission -> jira(), (submission, values) -> {
            TrackerConnection connection = connections.connectJira(submission.invoker().actor(),
                    values.text("site").orElse(""), values.text("email").orElse(""), values.text("token").orElse(""));
            return Message.of(Markup.builder().text("✅ Jira connected: ").bold(connection.getSiteUrl())
                    .text(", as " + connection.getAccountName() + ". The token is kept encrypted and will not be "
                            + "shown again.").newline()
                    .text("So that issues moving in Jira move feedback here, an admin of the site adds a webhook "
                            + "(Jira settings → System → WebHooks → Create), for the event Issue updated, with:")
                    .newline().text("URL: ").code(connections.webhookUrl(connection))
                    .newline().text("Secret: ").code(connections.webhookSecret(connection))
                    .newline().italic("This secret is shown only now; connecting again makes a new one.").build());
        });
    }

    @Bean
    FormHandler trelloConnectForm(TrackerConnections connections) {
        return new TrackerFormHandler(TRELLO_FORM, ADMINS, submission -> trello(), (submission, values) -> {
            TrackerConnection connection = connections.connectTrello(submission.invoker().actor(),
                    values.text("key").orElse(""), values.text("secret").orElse(""), values.text("token").orElse(""));
            return Message.of(Markup.builder().text("✅ Trello connected, as " + connection.getAccountName()
                    + ". The key, secret and token are kept encrypted and will not be shown again. Each board gets "
                    + "its webhook the first time one of its cards is linked to feedback.").build());
        });
    }

    @Bean
    FormHandler trackerCreateForm(TrackerItemForms forms) {
        return forms.createHandler();
    }

    @Bean
    FormHandler trackerLinkForm(TrackerItemForms forms) {
        return forms.linkHandler();
    }
}
