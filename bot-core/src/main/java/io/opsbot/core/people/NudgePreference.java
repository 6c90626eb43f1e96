package io.opsbot.core.people;

import io.opsbot.core.tenant.UserRef;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

import java.time.Instant;

/**
 * How one person wants one kind of ritual ({@code standup}, later {@code okr}) to nudge them: reminders on or off, and
 * after how many prompts ignored in a row it stops asking until they resume. Absent means the defaults.
 */
@Document("nudge_preferences")
public record NudgePreference(@Id String id, UserRef user, String ritual, boolean remindersOff, Integer pauseAfter,
                              int ignoredInARow, Instant pausedAt) {

    /** Prompts ignored in a row before a ritual stops asking, unless the person chose otherwise. */
    public static final int DEFAULT_PAUSE_AFTER = 3;

    static String id(UserRef user, String ritual) {
        return user.key() + ":" + ritual;
    }

    static NudgePreference defaults(UserRef user, String ritual) {
        return new NudgePreference(id(user, ritual), user, ritual, false, null, 0, null);
    }

    /** 0: never pauses. */
    public int pauseAfterOrDefault() {
        return pauseAfter == null ? DEFAULT_PAUSE_AFTER : pauseAfter;
    }

    public boolean paused() {
        return pausedAt != null;
    }
}
