package io.opsbot.app.manifest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.opsbot.core.conversation.Arg;
import io.opsbot.core.conversation.Command;
import io.opsbot.core.conversation.CommandRouter;
import io.opsbot.core.conversation.MessageShortcut;
import io.opsbot.core.conversation.Subcommand;
import io.opsbot.core.testing.CoreTest;
import io.opsbot.slack.config.SlackProperties;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Slack manifest and the Teams package declare exactly what the core implements: every command and message
 * shortcut, no more, so an installed app never offers something the bot cannot answer. Their descriptions and hints
 * are checked against the commands' declarations ({@link Subcommand}): change a declaration, and this test says what
 * the manifests must now read.
 */
@CoreTest
class ManifestConsistencyTest {

    private static final Path MANIFESTS = Path.of("..", "manifest");
    /** The Teams menus' "help", which the engine answers itself. */
    private static final String HELP = "Everything the bot can do";

    @Autowired
    List<Command> commands;
    @Autowired
    List<MessageShortcut> shortcuts;

    @SuppressWarnings("unchecked")
    private static Map<String, Object> slackManifest() throws IOException {
        try (Reader reader = Files.newBufferedReader(MANIFESTS.resolve("slack/manifest.yml"))) {
            return new Yaml().load(reader);
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void slackDeclaresEveryCommandAndShortcut() throws IOException {
        Map<String, Object> features = (Map<String, Object>) slackManifest().get("features");

        Set<String> declared = ((List<Map<String, Object>>) features.get("slash_commands")).stream()
                .map(c -> ((String) c.get("command")).substring(1)).collect(Collectors.toSet());
        Set<String> declaredShortcuts = ((List<Map<String, Object>>) features.get("shortcuts")).stream()
                .map(c -> (String) c.get("callback_id")).collect(Collectors.toSet());

        assertThat(declared).isEqualTo(commands.stream().map(Command::name).collect(Collectors.toSet()));
        assertThat(declaredShortcuts).isEqualTo(shortcuts.stream().map(MessageShortcut::id)
                .collect(Collectors.toSet()));
    }

    /** Each slash command's description is its summary and its usage hint lists its subcommands. */
    @Test
    @SuppressWarnings("unchecked")
    void slackHintsComeFromTheDeclarations() throws IOException {
        Map<String, Object> features = (Map<String, Object>) slackManifest().get("features");
        Map<String, Map<String, Object>> slash = ((List<Map<String, Object>>) features.get("slash_commands")).stream()
                .collect(Collectors.toMap(c -> ((String) c.get("command")).substring(1), c -> c));

        SoftAssertions softly = new SoftAssertions();
        for (Command command : commands) {
            Map<String, Object> declared = slash.get(command.name());
            String expected = "description: " + sentence(command.summary()) + "\nusage_hint: \""
                    + CommandRouter.usageHint(command) + "\"";
            softly.assertThat("description: " + declared.get("description") + "\nusage_hint: \""
                    + declared.get("usage_hint") + "\"").as("/%s in manifest/slack/manifest.yml", command.name())
                    .isEqualTo(expected);
            softly.assertThat((String) declared.get("usage_hint")).hasSizeLessThanOrEqualTo(1000);
        }
        softly.assertAll();
    }

    @Test
    @SuppressWarnings("unchecked")
    void slackAsksForTheEventsTheAdapterHandles() throws IOException {
        Map<String, Object> settings = (Map<String, Object>) slackManifest().get("settings");
        Map<String, Object> events = (Map<String, Object>) settings.get("event_subscriptions");

        assertThat((List<String>) events.get("bot_events")).contains("app_mention", "message.im",
                "team_join", "member_joined_channel", "app_home_opened", "app_uninstalled", "tokens_revoked");
        assertThat(((Map<String, Object>) settings.get("interactivity")).get("is_enabled")).isEqualTo(true);
    }

    /** The install page asks for exactly the manifest's bot scopes, returns to /slack/oauth_redirect, has a Home tab. */
    @Test
    @SuppressWarnings("unchecked")
    void slackInstallsByOAuthWithTheManifestsScopesAndHasAHomeTab() throws IOException {
        Map<String, Object> manifest = slackManifest();
        Map<String, Object> oauth = (Map<String, Object>) manifest.get("oauth_config");
        List<String> botScopes = (List<String>) ((Map<String, Object>) oauth.get("scopes")).get("bot");

        assertThat(SlackProperties.OAuth.MANIFEST_SCOPES).containsExactlyElementsOf(botScopes);
        assertThat((List<String>) oauth.get("redirect_urls")).singleElement().asString()
                .endsWith(SlackProperties.OAuth.REDIRECT_PATH);
        Map<String, Object> appHome = (Map<String, Object>) ((Map<String, Object>) manifest.get("features"))
                .get("app_home");
        assertThat(appHome.get("home_tab_enabled")).isEqualTo(true);
    }

    @Test
    void teamsListsOnlyCommandsThatExist() throws IOException {
        JsonNode manifest = new ObjectMapper().readTree(MANIFESTS.resolve("teams/manifest.json").toFile());
        assertThat(manifest.get("$schema").asText()).contains("/v1.22/");
        JsonNode bot = manifest.get("bots").get(0);
        assertThat(bot.get("scopes")).extracting(JsonNode::asText)
                .containsExactlyInAnyOrder("personal", "team", "groupChat");

        Set<String> known = commands.stream().map(Command::name).collect(Collectors.toSet());
        known.add("help");
        List<String> firstWords = new ArrayList<>();
        bot.get("commandLists").forEach(list -> list.get("commands").forEach(command ->
                firstWords.add(command.get("title").asText().split(" ")[0])));
        assertThat(firstWords).isNotEmpty().allSatisfy(word -> assertThat(known).contains(word));
        assertThat(firstWords).containsAll(commands.stream().map(Command::name).toList());
        assertThat(Files.size(MANIFESTS.resolve("teams/color.png"))).isPositive();
        assertThat(Files.size(MANIFESTS.resolve("teams/outline.png"))).isPositive();
    }

    /**
     * Each entry of the Teams command menus is a declared command or subcommand, described as its declaration
     * describes it (a bare command by its summary), within Teams' limits (32-character titles, 128-character
     * descriptions, 10 commands per list).
     */
    @Test
    void teamsCommandHintsComeFromTheDeclarations() throws IOException {
        JsonNode bot = new ObjectMapper().readTree(MANIFESTS.resolve("teams/manifest.json").toFile()).get("bots")
                .get(0);
        Map<String, Command> byName = commands.stream().collect(Collectors.toMap(Command::name, c -> c));

        SoftAssertions softly = new SoftAssertions();
        bot.get("commandLists").forEach(list -> {
            softly.assertThat(list.get("commands").size()).isLessThanOrEqualTo(10);
            list.get("commands").forEach(entry -> {
                String title = entry.get("title").asText();
                String[] words = title.split(" ");
                softly.assertThat(title).hasSizeLessThanOrEqualTo(32);
                String expected = words[0].equals("help") ? HELP : describe(byName.get(words[0]), words);
                softly.assertThat(entry.get("description").asText())
                        .as("\"%s\" in manifest/teams/manifest.json", title)
                        .isEqualTo(expected).hasSizeLessThanOrEqualTo(128);
            });
        });
        softly.assertAll();
    }

    /** What the Teams menu says for {@code feedback} (the summary) or {@code feedback status} (that help line). */
    private static String describe(Command command, String[] words) {
        if (words.length == 1) {
            return sentence(command.summary());
        }
        List<String> typed = List.of(words).subList(1, words.length);
        return command.subcommands().stream()
                .filter(sub -> !sub.unnamed() && sub.name().equals(typed.get(0))
                        && literals(sub).equals(typed.subList(1, typed.size())))
                .findFirst().map(sub -> sentence(sub.help()))
                .orElseThrow(() -> new AssertionError(String.join(" ", words) + " is not a declared subcommand"));
    }

    /** The fixed words after a subcommand's name: {@code here} in {@code triage here}. */
    private static List<String> literals(Subcommand sub) {
        return sub.args().stream().takeWhile(arg -> !arg.isOptional() && arg.usage().equals(arg.name())
                && arg.name().matches("[a-z]+")).map(Arg::name).toList();
    }

    private static String sentence(String line) {
        return Character.toUpperCase(line.charAt(0)) + line.substring(1);
    }

    @Test
    void teamsOffersEveryMessageShortcutAsAMessageAction() throws IOException {
        JsonNode manifest = new ObjectMapper().readTree(MANIFESTS.resolve("teams/manifest.json").toFile());
        JsonNode extension = manifest.get("composeExtensions").get(0);
        assertThat(extension.get("botId").asText()).isEqualTo(manifest.get("bots").get(0).get("botId").asText());
        List<String> actions = new ArrayList<>();
        extension.get("commands").forEach(command -> {
            assertThat(command.get("type").asText()).isEqualTo("action");
            assertThat(command.get("context")).extracting(JsonNode::asText).containsExactly("message");
            assertThat(command.get("fetchTask").asBoolean()).as("the dialog comes from the bot").isTrue();
            actions.add(command.get("id").asText());
        });
        assertThat(actions).containsExactlyInAnyOrderElementsOf(shortcuts.stream().map(MessageShortcut::id).toList());
    }

    /** manifest/teams/validate-package.sh: Microsoft's validator (npm @microsoft/app-manifest) on the built package. */
    @Test
    void theTeamsPackageValidatesAgainstTheSchemaItDeclares() throws Exception {
        Process process = new ProcessBuilder("bash", MANIFESTS.resolve("teams/validate-package.sh").toString())
                .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(process.waitFor(3, java.util.concurrent.TimeUnit.MINUTES)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        assertThat(output).contains("validates against the Teams manifest schema v1.22");
    }
}
