package io.opsbot.core.okr;

import io.opsbot.core.blocker.Blocker;

import java.util.List;

/**
 * Where a key result stands at a moment: its progress and the change since the week began, its recent confidences
 * (oldest first), whether its owner checked in this week, and the blockers linked to it that are still open.
 */
public record KeyResultStatus(KeyResult keyResult, String ownerName, double progress, double progressAtWeekStart,
                              List<Confidence> trend, Week week, String awayReason, List<Blocker> blockers) {

    public enum Week {
        /** Checked in since the week's prompt (or the day before it). */
        CHECKED_IN,
        /** Asked and not answered yet. */
        MISSING,
        /** Not asked: out of office or a holiday. */
        AWAY,
        /** Not asked this week: new since the prompt, finished, or no prompt yet. */
        NOT_DUE
    }

    public KeyResultStatus {
        trend = List.copyOf(trend);
        blockers = List.copyOf(blockers);
    }

    public int progressChange() {
        return Progress.percent(progress) - Progress.percent(progressAtWeekStart);
    }
}
