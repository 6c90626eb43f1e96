package io.opsbot.core.training;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;
import java.time.LocalTime;

/**
 * Training reminders under {@code opsbot.training}.
 *
 * @param ackReminderAfter how long after an announcement those who have not acknowledged it get a reminder (once);
 *                         48 hours if not set
 * @param reminderTime     local time a postponed acknowledgement reminder goes out on the person's next day in;
 *                         09:30 if not set
 * @param calendarLength   how long the calendar file of a training books (trainings have no end time); an hour if
 *                         not set
 */
@Validated
@ConfigurationProperties("opsbot.training")
public record TrainingProperties(Duration ackReminderAfter, LocalTime reminderTime, Duration calendarLength) {

    public TrainingProperties {
        ackReminderAfter = ackReminderAfter == null ? Duration.ofHours(48) : ackReminderAfter;
        reminderTime = reminderTime == null ? LocalTime.of(9, 30) : reminderTime;
        calendarLength = calendarLength == null ? Duration.ofHours(1) : calendarLength;
        if (calendarLength.isNegative() || calendarLength.isZero()) {
            throw new IllegalArgumentException("opsbot.training.calendar-length must be positive");
        }
    }
}
