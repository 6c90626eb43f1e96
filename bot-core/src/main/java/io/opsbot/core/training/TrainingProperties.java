package io.opsbot.core.training;

import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;
import java.time.LocalTime;

/** Training reminders under {@code opsbot.training}. */
@Validated
@ConfigurationProperties("opsbot.training")
public class TrainingProperties {

    /** How long after an announcement those who have not acknowledged it get a reminder (once). */
    @NotNull
    private Duration ackReminderAfter = Duration.ofHours(48);

    /** Local time a postponed acknowledgement reminder goes out on the person's next day in. */
    @NotNull
    private LocalTime reminderTime = LocalTime.of(9, 30);

    public Duration getAckReminderAfter() {
        return ackReminderAfter;
    }

    public void setAckReminderAfter(Duration ackReminderAfter) {
        this.ackReminderAfter = ackReminderAfter;
    }

    public LocalTime getReminderTime() {
        return reminderTime;
    }

    public void setReminderTime(LocalTime reminderTime) {
        this.reminderTime = reminderTime;
    }
}
