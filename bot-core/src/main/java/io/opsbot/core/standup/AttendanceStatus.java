package io.opsbot.core.standup;

/** Where one participant stands on one day. */
public enum AttendanceStatus {
    /** Asked; the answer window is open. */
    PROMPTED("⏳", "waiting"),
    ANSWERED("✅", "answered"),
    /** Said "skip today". */
    SKIPPED("⏭️", "skipped today"),
    /** Out of office or on a holiday: not asked. */
    AWAY("🌴", "away"),
    /** The window closed without an answer. */
    MISSED("🔕", "no answer");

    private final String emoji;
    private final String label;

    AttendanceStatus(String emoji, String label) {
        this.emoji = emoji;
        this.label = label;
    }

    public String emoji() {
        return emoji;
    }

    public String label() {
        return label;
    }
}
