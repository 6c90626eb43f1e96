package io.opsbot.teams.commands;

import io.opsbot.core.conversation.CommandRouter;
import io.opsbot.core.tenant.Platform;
import io.opsbot.core.testing.StoredDocuments;
import io.opsbot.teams.testing.TeamsAdapterTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;

import java.util.Map;

import static io.opsbot.core.testing.CommandDeclarations.checkHelp;
import static io.opsbot.core.testing.CommandDeclarations.checkUsageErrors;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every registered command, walked through the Teams adapter with message activities typed to the bot: its help lists
 * exactly the declared subcommands, each subcommand typed with arguments that fit none of its forms gets that
 * subcommand's usage error, an unknown subcommand gets the one unknown-subcommand reply, and none of it stores
 * anything.
 */
class TeamsCommandDeclarationsTest extends TeamsAdapterTest {

    @Autowired
    CommandRouter router;
    @Autowired
    MongoTemplate mongo;

    private String reply(String text) {
        connector.clear();
        send(fixture("message.personal.json").text(text));
        return single(sent()).body().path("text").asText()
                .replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&").replace("`", "");
    }

    @Test
    void helpListsExactlyTheDeclaredSubcommands() {
        assertThat(router.commands()).hasSizeGreaterThanOrEqualTo(8);
        checkHelp(router.commands(), Platform.TEAMS, (command, text) -> reply(command.name() + " " + text));
    }

    @Test
    void badArgumentsGetTheUsageErrorAndStoreNothing() {
        reply("help");
        Map<String, Long> before = StoredDocuments.count(mongo);

        int checked = checkUsageErrors(router.commands(), Platform.TEAMS,
                (command, text) -> reply(command.name() + " " + text));

        assertThat(checked).as("subcommands with arguments that can be wrong").isGreaterThan(25);
        assertThat(StoredDocuments.count(mongo)).as("nothing stored").isEqualTo(before);
    }

    @Test
    void theIssuesExamplesAreRefusedNotSavedAsFeedback() {
        reply("help");
        Map<String, Long> before = StoredDocuments.count(mongo);

        assertThat(reply("feedback status FB-1")).contains("Usage:").contains("feedback status FB-12");
        assertThat(reply("feedback list all")).contains("Usage:").contains("feedback list");
        assertThat(reply("feedback list FB-1")).contains("Usage:");
        assertThat(reply("feedback bogus-subcommand")).startsWith("⚠️ I don't know feedback bogus-subcommand.");
        assertThat(reply("feedback lsit")).contains("Did you mean feedback list?");

        assertThat(StoredDocuments.count(mongo)).isEqualTo(before);
    }
}
