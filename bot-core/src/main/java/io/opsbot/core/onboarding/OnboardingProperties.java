package io.opsbot.core.onboarding;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/**
 * Onboarding under {@code opsbot.onboarding}: the tracks every tenant has (besides the shipped "Welcome to product"),
 * which one starts by itself when someone joins, and when steps and reminders go out.
 *
 * <pre>
 * opsbot:
 *   onboarding:
 *     auto-start-track: welcome
 *     tracks:
 *       - key: engineering
 *         title: Engineering onboarding
 *         notify: [ "SLACK:T0001:U0MANAGER" ]
 *         steps:
 *           - title: Set up your laptop
 *             body: Follow the IT guide, then install the toolchain.
 *             link: https://wiki.example.com/laptop
 *             day: day 1
 *             requires-ack: true
 *           - title: Ship your first change
 *             body: Pick a starter issue with your buddy.
 *             day: week 2
 * </pre>
 *
 * @param autoStartTrack      the track a person joining is walked through (key); empty: nobody starts automatically
 * @param includeDefaultTrack whether the shipped "Welcome to product" example track (key welcome) is offered
 * @param releaseTime         local time (in the person's zone) at which later steps arrive and overdue reminders go
 *                            out; 09:30 if not set
 * @param overdueAfterDays    days after a step arrives before an unacknowledged step counts as overdue and is
 *                            reminded, once
 * @param skipWeekends        Saturdays and Sundays are not onboarding days: steps due then come on the Monday
 * @param defaultZone         the zone for people whose zone is unknown (Teams does not tell it until they set one);
 *                            UTC if not set
 * @param tracks              the tracks every tenant has, besides the shipped one
 */
@Validated
@ConfigurationProperties("opsbot.onboarding")
public record OnboardingProperties(
        @Pattern(regexp = "|" + OnboardingTrack.KEY_PATTERN) @DefaultValue("welcome") String autoStartTrack,
        @DefaultValue("true") boolean includeDefaultTrack,
        LocalTime releaseTime,
        @Min(1) @Max(60) @DefaultValue("2") int overdueAfterDays,
        @DefaultValue("true") boolean skipWeekends,
        ZoneId defaultZone,
        List<@Valid TrackDefinition> tracks) {

    public OnboardingProperties {
        autoStartTrack = autoStartTrack == null ? "" : autoStartTrack.strip();
        releaseTime = releaseTime == null ? LocalTime.of(9, 30) : releaseTime;
        defaultZone = defaultZone == null ? ZoneId.of("UTC") : defaultZone;
        tracks = tracks == null ? List.of() : List.copyOf(tracks);
    }

    /**
     * A track as written in YAML. A class rather than a record only because a record cannot have a component named
     * {@code notify} (it would clash with {@link Object#notify()}), and configured tracks already use that name.
     */
    public static class TrackDefinition {

        @NotBlank
        @Pattern(regexp = OnboardingTrack.KEY_PATTERN, message = "keys are lower-case letters, digits and dashes")
        private String key;

        @NotBlank
        @Size(max = 100)
        private String title;

        @Size(max = 500)
        private String description;

        /** People told when someone finishes the track, as {@code PLATFORM:tenant:user}. */
        private List<@Pattern(regexp = "(SLACK|TEAMS):[^:]+:.+") String> notify = new ArrayList<>();

        @NotEmpty
        private List<@Valid StepDefinition> steps = new ArrayList<>();

        public String getKey() {
            return key;
        }

        public void setKey(String key) {
            this.key = key;
        }

        public String getTitle() {
            return title;
        }

        public void setTitle(String title) {
            this.title = title;
        }

        public String getDescription() {
            return description;
        }

        public void setDescription(String description) {
            this.description = description;
        }

        public List<String> getNotify() {
            return notify;
        }

        public void setNotify(List<String> notify) {
            this.notify = notify;
        }

        public List<StepDefinition> getSteps() {
            return steps;
        }

        public void setSteps(List<StepDefinition> steps) {
            this.steps = steps;
        }
    }

    /** A step as written in YAML; {@code day} is {@code day 1}, {@code day 3} or {@code week 2}. */
    public record StepDefinition(
            @NotBlank @Size(max = OnboardingStep.TITLE_LIMIT) String title,
            @Size(max = OnboardingStep.BODY_LIMIT) String body,
            @Pattern(regexp = "https?://\\S+", message = "links start with https:// or http://") String link,
            @NotBlank @Pattern(regexp = DayOffset.PATTERN, message = "write day 1, day 3 or week 2") String day,
            boolean requiresAck) {

        public StepDefinition {
            body = body == null ? "" : body;
            day = day == null ? "day 1" : day;
        }
    }
}
