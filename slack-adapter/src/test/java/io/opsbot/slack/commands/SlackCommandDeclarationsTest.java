package io.opsbot.slack.commands;

import com.google.gson.JsonParser;
import io.opsbot.core.conversation.Command;
import io.opsbot.core.conversation.CommandRouter;
import io.opsbot.core.tenant.Platform;
import io.opsbot.core.testing.StoredDocuments;
import io.opsbot.slack.testing.SlackAdapterTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;

import java.net.http.HttpResponse;
import java.util.Map;

import static io.opsbot.core.testing.CommandDeclarations.checkHelp;
import static io.opsbot.core.testing.CommandDeclarations.checkUsageErrors;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every registered command, walked through the Slack adapter with signed slash commands: its help lists exactly the
 * declared subcommands, each subcommand typed with arguments that fit none of its forms gets that subcommand's usage
 * error, an unknown subcommand gets the one unknown-subcommand reply, and none of it stores anything.
 */
class SlackCommandDeclarationsTest extends SlackAdapterTest {

    private static final String CHANNEL = "C0DECLARE";
    private static final String USER = "U0DECLARE";

    @Autowired
    CommandRouter router;
    @Autowired
    MongoTemplate mongo;

    private String reply(Command command, String text) {
        HttpResponse<String> response = slashCommand("/" + command.name(), text, CHANNEL, USER,
                "declarations/" + command.name());
        assertThat(response.statusCode()).as("/%s %s", command.name(), text).isEqualTo(200);
        // Slack escapes <, > and & in mrkdwn; the test reads the text as the person sees it.
        return JsonParser.parseString(response.body()).getAsJsonObject().get("text").getAsString()
                .replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&");
    }

    @Test
    void helpListsExactlyTheDeclaredSubcommands() {
        assertThat(router.commands()).extracting(Command::name)
                .contains("feedback", "okr", "standup", "onboarding", "training", "opsbot", "timezone");
        checkHelp(router.commands(), Platform.SLACK, this::reply);
    }

    @Test
    void badArgumentsGetTheUsageErrorAndStoreNothing() {
        Map<String, Long> before = StoredDocuments.count(mongo);

        int checked = checkUsageErrors(router.commands(), Platform.SLACK, this::reply);

        assertThat(checked).as("subcommands with arguments that can be wrong").isGreaterThan(25);
        assertThat(StoredDocuments.count(mongo)).as("nothing stored").isEqualTo(before);
    }

    @Test
    void theIssuesExamplesAreRefusedNotSavedAsFeedback() {
        Command feedback = router.find("feedback").orElseThrow();
        Map<String, Long> before = StoredDocuments.count(mongo);

        assertThat(reply(feedback, "status FB-1")).contains("Usage:").contains("/feedback status FB-12");
        assertThat(reply(feedback, "list all")).contains("Usage:").contains("/feedback list");
        assertThat(reply(feedback, "list FB-1")).contains("Usage:").contains("/feedback list");
        assertThat(reply(feedback, "bogus-subcommand")).startsWith("⚠️ I don't know /feedback bogus-subcommand.");
        assertThat(reply(feedback, "lsit")).contains("Did you mean /feedback list?");

        assertThat(StoredDocuments.count(mongo)).isEqualTo(before);
    }
}
