package io.opsbot.core.onboarding;

import io.opsbot.core.conversation.UserError;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Tracks as written in YAML (and in the admin form): day offsets, validation, the shipped example. */
class TrackDefinitionsTest {

    private final Validator validator = Validation.buildDefaultValidatorFactory().getValidator();

    @Test
    void dayOffsetsReadDaysAndWeeks() {
        assertThat(DayOffset.parse("day 1")).isEqualTo(1);
        assertThat(DayOffset.parse("Day 3")).isEqualTo(3);
        assertThat(DayOffset.parse("week 2")).isEqualTo(8);
        assertThat(DayOffset.parse("w3")).isEqualTo(15);
        assertThat(DayOffset.parse(" 5 ")).isEqualTo(5);
        assertThat(DayOffset.format(8)).isEqualTo("week 2");
        assertThat(DayOffset.format(4)).isEqualTo("day 4");
        assertThatThrownBy(() -> DayOffset.parse("day 0")).isInstanceOf(UserError.class);
        assertThatThrownBy(() -> DayOffset.parse("tomorrow")).isInstanceOf(UserError.class)
                .hasMessageContaining("day 1, day 3 or week 2");
    }

    @Test
    void theShippedWelcomeTrackLoadsFromItsYamlFile() {
        OnboardingTrack welcome = TrackCatalog.shipped().get(0);

        assertThat(welcome.key()).isEqualTo("welcome");
        assertThat(welcome.title()).isEqualTo("Welcome to product");
        assertThat(welcome.steps()).extracting(OnboardingStep::day).containsExactly(1, 1, 2, 3, 5, 8);
        assertThat(welcome.steps()).filteredOn(OnboardingStep::requiresAck).hasSize(3);
    }

    @Test
    void configuredTracksBindFromPropertiesAndAreValidated() {
        Map<String, String> yaml = Map.of(
                "opsbot.onboarding.tracks[0].key", "engineering",
                "opsbot.onboarding.tracks[0].title", "Engineering onboarding",
                "opsbot.onboarding.tracks[0].notify[0]", "SLACK:T0001:U0MANAGER",
                "opsbot.onboarding.tracks[0].steps[0].title", "Ship your first change",
                "opsbot.onboarding.tracks[0].steps[0].day", "week 2",
                "opsbot.onboarding.tracks[0].steps[1].title", "Set up your laptop",
                "opsbot.onboarding.tracks[0].steps[1].requires-ack", "true",
                "opsbot.onboarding.tracks[0].steps[1].link", "https://wiki.example.com/laptop");
        OnboardingProperties properties = new Binder(new MapConfigurationPropertySource(yaml))
                .bind("opsbot.onboarding", Bindable.of(OnboardingProperties.class)).get();

        assertThat(validator.validate(properties)).isEmpty();
        OnboardingTrack track = TrackCatalog.toTrack(properties.tracks().get(0));
        assertThat(track.steps()).extracting(OnboardingStep::title).as("in day order")
                .containsExactly("Set up your laptop", "Ship your first change");
        assertThat(track.steps().get(0).requiresAck()).isTrue();
        assertThat(track.notifyOnFinish()).singleElement().satisfies(u -> {
            assertThat(u.key()).isEqualTo("SLACK:T0001:U0MANAGER");
        });
    }

    @Test
    void badDefinitionsAreRefusedWithTheReason() {
        OnboardingProperties.StepDefinition step = new OnboardingProperties.StepDefinition("Read", null,
                "ftp://files", "next tuesday", false);
        OnboardingProperties.TrackDefinition track = new OnboardingProperties.TrackDefinition();
        track.setKey("Bad Key");
        track.setTitle("");
        track.setSteps(List.of(step));
        OnboardingProperties properties = new OnboardingProperties(null, true, null, 2, true, null,
                List.of(track));

        assertThat(validator.validate(properties)).extracting(v -> v.getPropertyPath().toString())
                .containsExactlyInAnyOrder("tracks[0].key", "tracks[0].title", "tracks[0].steps[0].day",
                        "tracks[0].steps[0].link");
    }

    @Test
    void stepsTypedInTheFormReadLineByLine() {
        List<OnboardingStep> steps = TrackText.parse("day 1 | Laptop | Follow the guide | https://it.example.com | "
                + "ack\n\nweek 2 | Demo day");

        assertThat(steps).containsExactly(new OnboardingStep("Laptop", "Follow the guide", "https://it.example.com",
                1, true), new OnboardingStep("Demo day", "", null, 8, false));
        assertThat(TrackText.parse(TrackText.format(steps))).isEqualTo(steps);
        assertThatThrownBy(() -> TrackText.parse("day 1 | ok\nsoon | Later")).hasMessageStartingWith("Line 2:");
        assertThatThrownBy(() -> TrackText.parse("day 1 | ok | text | maybe")).hasMessageContaining("maybe");
    }
}
