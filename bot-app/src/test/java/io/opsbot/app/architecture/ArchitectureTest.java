package io.opsbot.app.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The dependency rule: the core knows no platform, each adapter knows only its own platform, and nothing but the
 * application knows the adapters. Checked on the compiled classes of every module (production code only).
 */
class ArchitectureTest {

    private static JavaClasses classes;

    static final ArchRule CORE_KNOWS_NO_PLATFORM = noClasses().that().resideInAPackage("io.opsbot.core..")
            .should().dependOnClassesThat().resideInAnyPackage("com.slack..", "com.microsoft.bot..",
                    "io.opsbot.slack..", "io.opsbot.teams..", "io.opsbot.app..")
            .because("bot-core is platform-neutral; adapters translate").allowEmptyShould(true);

    static final ArchRule SLACK_ADAPTER_KNOWS_ONLY_SLACK = noClasses().that().resideInAPackage("io.opsbot.slack..")
            .should().dependOnClassesThat().resideInAnyPackage("com.microsoft.bot..", "io.opsbot.teams..",
                    "io.opsbot.app..").allowEmptyShould(true);

    static final ArchRule TEAMS_ADAPTER_KNOWS_ONLY_TEAMS = noClasses().that().resideInAPackage("io.opsbot.teams..")
            .should().dependOnClassesThat().resideInAnyPackage("com.slack..", "io.opsbot.slack..", "io.opsbot.app..")
            .allowEmptyShould(true);

    static final ArchRule ONLY_ADAPTERS_USE_PLATFORM_SDKS = noClasses().that().resideOutsideOfPackages(
                    "io.opsbot.slack..", "io.opsbot.teams..", "com.slack..", "com.microsoft..")
            .and().resideInAPackage("io.opsbot..")
            .should().dependOnClassesThat().resideInAnyPackage("com.slack..", "com.microsoft.bot..")
            .allowEmptyShould(true);

    @BeforeAll
    static void importClasses() {
        // Modules arrive as jars (mvn verify) or class folders (IDE); test classes and test-jars are left out.
        ImportOption productionOnly = location -> !location.contains("/test-classes/")
                && !location.contains("-tests.jar");
        classes = new ClassFileImporter().withImportOption(productionOnly).importPackages("io.opsbot");
    }

    /** The rules allow an empty selection, so this is what keeps them from passing on nothing. */
    @Test
    void everyModuleIsOnTheClassPathBeingChecked() {
        assertThat(classes.stream().map(c -> c.getPackageName().split("\\.")[2]).distinct())
                .contains("core", "slack", "teams", "app");
    }

    @Test
    void coreKnowsNoPlatform() {
        CORE_KNOWS_NO_PLATFORM.check(classes);
    }

    @Test
    void slackAdapterKnowsOnlySlack() {
        SLACK_ADAPTER_KNOWS_ONLY_SLACK.check(classes);
    }

    @Test
    void teamsAdapterKnowsOnlyTeams() {
        TEAMS_ADAPTER_KNOWS_ONLY_TEAMS.check(classes);
    }

    @Test
    void onlyAdaptersUsePlatformSdks() {
        ONLY_ADAPTERS_USE_PLATFORM_SDKS.check(classes);
    }

    /** The rule is not vacuous: a core class that touches a Slack type is reported. */
    @Test
    void theCoreRuleCatchesAViolation() {
        JavaClasses offender = new ClassFileImporter().importClasses(io.opsbot.core.fixture.LeakyCoreClass.class);

        EvaluationResult result = CORE_KNOWS_NO_PLATFORM.evaluate(offender);

        assertThat(result.hasViolation()).isTrue();
        assertThat(result.getFailureReport().toString()).contains("com.slack.api.model.block.LayoutBlock");
    }
}
