package io.opsbot.core.onboarding;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.springframework.boot.context.properties.ConfigurationProperties;
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
 */
@Validated
@ConfigurationProperties("opsbot.onboarding")
public class OnboardingProperties {

    /** The track a person joining is walked through (key); empty: nobody is started automatically. */
    @Pattern(regexp = "|" + OnboardingTrack.KEY_PATTERN)
    private String autoStartTrack = "welcome";

    /** Whether the shipped "Welcome to product" example track (key {@code welcome}) is offered. */
    private boolean includeDefaultTrack = true;

    /** Local time (in the person's zone) at which later steps arrive and overdue reminders go out. */
    @NotNull
    private LocalTime releaseTime = LocalTime.of(9, 30);

    /** Days after a step arrives before an unacknowledged step counts as overdue and is reminded, once. */
    @Min(1)
    @Max(60)
    private int overdueAfterDays = 2;

    /** Saturdays and Sundays are not onboarding days: steps due then come on the Monday. */
    private boolean skipWeekends = true;

    /** The zone for people whose zone is unknown (Teams does not tell it until they set one). */
    @NotNull
    private ZoneId defaultZone = ZoneId.of("UTC");

    private List<@Valid TrackDefinition> tracks = new ArrayList<>();

    public String getAutoStartTrack() {
        return autoStartTrack;
    }

    public void setAutoStartTrack(String autoStartTrack) {
        this.autoStartTrack = autoStartTrack == null ? "" : autoStartTrack.strip();
    }

    public boolean isIncludeDefaultTrack() {
        return includeDefaultTrack;
    }

    public void setIncludeDefaultTrack(boolean includeDefaultTrack) {
        this.includeDefaultTrack = includeDefaultTrack;
    }

    public LocalTime getReleaseTime() {
        return releaseTime;
    }

    public void setReleaseTime(LocalTime releaseTime) {
        this.releaseTime = releaseTime;
    }

    public int getOverdueAfterDays() {
        return overdueAfterDays;
    }

    public void setOverdueAfterDays(int overdueAfterDays) {
        this.overdueAfterDays = overdueAfterDays;
    }

    public boolean isSkipWeekends() {
        return skipWeekends;
    }

    public void setSkipWeekends(boolean skipWeekends) {
        this.skipWeekends = skipWeekends;
    }

    public ZoneId getDefaultZone() {
        return defaultZone;
    }

    public void setDefaultZone(ZoneId defaultZone) {
        this.defaultZone = defaultZone;
    }

    public List<TrackDefinition> getTracks() {
        return tracks;
    }

    public void setTracks(List<TrackDefinition> tracks) {
        this.tracks = tracks;
    }

    /** A track as written in YAML. */
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

    /** A step as written in YAML. */
    public static class StepDefinition {

        @NotBlank
        @Size(max = OnboardingStep.TITLE_LIMIT)
        private String title;

        @Size(max = OnboardingStep.BODY_LIMIT)
        private String body = "";

        @Pattern(regexp = "https?://\\S+", message = "links start with https:// or http://")
        private String link;

        @NotBlank
        @Pattern(regexp = DayOffset.PATTERN, message = "write day 1, day 3 or week 2")
        private String day = "day 1";

        private boolean requiresAck;

        public String getTitle() {
            return title;
        }

        public void setTitle(String title) {
            this.title = title;
        }

        public String getBody() {
            return body;
        }

        public void setBody(String body) {
            this.body = body;
        }

        public String getLink() {
            return link;
        }

        public void setLink(String link) {
            this.link = link;
        }

        public String getDay() {
            return day;
        }

        public void setDay(String day) {
            this.day = day;
        }

        public boolean isRequiresAck() {
            return requiresAck;
        }

        public void setRequiresAck(boolean requiresAck) {
            this.requiresAck = requiresAck;
        }
    }
}
