package io.opsbot.app.architecture;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The dependency rules. Between modules: the core knows no platform, each adapter knows only its own platform, and
 * nothing but the application knows the adapters. Inside the core, three layers:
 * <ul>
 *   <li>the kernel: who and where ({@code tenant}), what is said ({@code message}, {@code form}, {@code reference},
 *       {@code mention}), the way out ({@code gateway}), roles ({@code access}), the {@code audit} log, credentials
 *       kept for others ({@code secret}), the {@code link}s to the dashboard and plumbing ({@code claim},
 *       {@code sequence}, {@code cluster}, {@code schedule}, {@code storage}, {@code config});</li>
 *   <li>shared services every feature builds on: the {@code conversation} engine, the {@code delivery} outbox,
 *       {@code dialog}s, tenant {@code settings}, {@code people}, {@code availability}, {@code housekeeping}, a
 *       tenant's data {@code retention}, the {@code home} each feature adds its part to, the bot's own
 *       {@code admin} command, and {@code launch} announcements feedback prepares and training sends;</li>
 *   <li>the features: {@code feedback}, {@code okr}, {@code standup}, {@code onboarding}, {@code training}.</li>
 * </ul>
 * A layer uses only the layers below it, features never use each other (what two features share belongs below
 * them), and no two core packages depend on each other in a circle. Checked on the compiled classes of every module
 * (production code only).
 */
class ArchitectureTest {

    private static JavaClasses classes;

    static final ArchRule CORE_KNOWS_NO_PLATFORM = noClasses().that().resideInAPackage("io.opsbot.core..")
            .should().dependOnClassesThat().resideInAnyPackage("com.slack..", "com.microsoft.bot..",
                    "io.opsbot.slack..", "io.opsbot.teams..", "io.opsbot.dashboard..", "io.opsbot.app..")
            .because("bot-core is platform-neutral; adapters translate, the dashboard reads the core").allowEmptyShould(true);

    static final ArchRule SLACK_ADAPTER_KNOWS_ONLY_SLACK = noClasses().that().resideInAPackage("io.opsbot.slack..")
            .should().dependOnClassesThat().resideInAnyPackage("com.microsoft.bot..", "io.opsbot.teams..",
                    "io.opsbot.dashboard..", "io.opsbot.app..").allowEmptyShould(true);

    static final ArchRule TEAMS_ADAPTER_KNOWS_ONLY_TEAMS = noClasses().that().resideInAPackage("io.opsbot.teams..")
            .should().dependOnClassesThat().resideInAnyPackage("com.slack..", "io.opsbot.slack..", "io.opsbot.dashboard..",
                    "io.opsbot.app..")
            .allowEmptyShould(true);

    static final ArchRule ONLY_ADAPTERS_USE_PLATFORM_SDKS = noClasses().that().resideOutsideOfPackages(
                    "io.opsbot.slack..", "io.opsbot.teams..", "com.slack..", "com.microsoft..")
            .and().resideInAPackage("io.opsbot..")
            .should().dependOnClassesThat().resideInAnyPackage("com.slack..", "com.microsoft.bot..")
            .allowEmptyShould(true);

    static final String[] KERNEL = packages("tenant", "message", "form", "reference", "mention", "gateway", "access",
            "audit", "claim", "sequence", "cluster", "schedule", "storage", "config", "secret", "link", "metrics");
    static final String[] SHARED = packages("conversation", "delivery", "dialog", "settings", "people",
            "availability", "housekeeping", "home", "ratelimit", "admin", "retention", "launch", "identity", "blocker");
    static final String[] FEATURES = packages("feedback", "okr", "standup", "onboarding", "training");

    static final ArchRule CORE_PACKAGES_FORM_NO_CYCLES = slices().matching("io.opsbot.core.(*)..").should()
            .beFreeOfCycles().allowEmptyShould(true);

    static final ArchRule FEATURES_DO_NOT_USE_EACH_OTHER = slices().assignedFrom(new SliceAssignment() {
        @Override
        public SliceIdentifier getIdentifierOf(JavaClass javaClass) {
            String[] parts = javaClass.getPackageName().split("\\.");
            String feature = parts.length > 3 && parts[2].equals("core") ? parts[3] : "";
            return Arrays.stream(FEATURES).anyMatch(f -> f.equals("io.opsbot.core." + feature + ".."))
                    ? SliceIdentifier.of(feature) : SliceIdentifier.ignore();
        }

        @Override
        public String getDescription() {
            return "the core's features";
        }
    }).should().notDependOnEachOther().because("what two features share belongs below them").allowEmptyShould(true);

    static final ArchRule CORE_LAYERS = layeredArchitecture().consideringOnlyDependenciesInLayers()
            .layer("Kernel").definedBy(KERNEL)
            .layer("Shared services").definedBy(SHARED)
            .layer("Features").definedBy(FEATURES)
            .whereLayer("Features").mayNotBeAccessedByAnyLayer()
            .whereLayer("Shared services").mayOnlyBeAccessedByLayers("Features")
            .whereLayer("Kernel").mayOnlyBeAccessedByLayers("Shared services", "Features")
            .allowEmptyShould(true);

    private static String[] packages(String... names) {
        String[] packages = new String[names.length];
        for (int i = 0; i < names.length; i++) {
            packages[i] = "io.opsbot.core." + names[i] + "..";
        }
        return packages;
    }

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
                .contains("core", "slack", "teams", "dashboard", "app");
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

    @Test
    void corePackagesFormNoCycles() {
        CORE_PACKAGES_FORM_NO_CYCLES.check(classes);
    }

    @Test
    void featuresDoNotUseEachOther() {
        FEATURES_DO_NOT_USE_EACH_OTHER.check(classes);
    }

    @Test
    void eachCoreLayerUsesOnlyTheLayersBelowIt() {
        CORE_LAYERS.check(classes);
    }

    /** Every core package is in exactly one layer, so a new package has to be placed deliberately. */
    @Test
    void everyCorePackageHasALayer() {
        List<String> placed = Stream.of(KERNEL, SHARED, FEATURES).flatMap(Arrays::stream)
                .map(p -> p.substring("io.opsbot.core.".length(), p.length() - 2)).toList();
        assertThat(classes.stream().map(JavaClass::getPackageName).filter(p -> p.startsWith("io.opsbot.core."))
                .map(p -> p.substring("io.opsbot.core.".length()).split("\\.")[0]).distinct())
                .allSatisfy(p -> assertThat(placed).as("layer of io.opsbot.core." + p).contains(p));
        assertThat(placed).doesNotHaveDuplicates();
    }

    /** Every production package of every module says in a package-info.java what it is for. */
    @Test
    void everyPackageSaysWhatItIsFor() throws IOException {
        List<Path> packages;
        try (Stream<Path> files = Files.walk(Path.of(".."), 12)) {
            packages = files.filter(f -> f.toString().replace('\\', '/').contains("/src/main/java/")
                            && f.getFileName().toString().endsWith(".java"))
                    .map(Path::getParent).distinct().toList();
        }

        assertThat(packages).hasSizeGreaterThan(30)
                .allSatisfy(dir -> assertThat(dir.resolve("package-info.java")).as("package-info in " + dir).exists());
    }

    /** The feature rule is not vacuous: OKR code that reaches into feedback is reported. */
    @Test
    void theFeatureRuleCatchesAViolation() {
        JavaClasses offender = new ClassFileImporter().importClasses(
                io.opsbot.core.okr.fixture.PeeksAtFeedback.class, io.opsbot.core.feedback.FeedbackItem.class);

        EvaluationResult result = FEATURES_DO_NOT_USE_EACH_OTHER.evaluate(offender);

        assertThat(result.hasViolation()).isTrue();
        assertThat(result.getFailureReport().toString()).contains("PeeksAtFeedback").contains("FeedbackItem");
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
