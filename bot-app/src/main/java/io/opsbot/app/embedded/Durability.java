package io.opsbot.app.embedded;

/** How far a write to the embedded database has got before the bot answers or sends anything based on it. */
public enum Durability {
    /** Written to the file and flushed to the disk (fsync): survives a crash of the process and of the machine. */
    FSYNC,
    /** Written to the file, not flushed: survives a crash of the process, not a power cut. */
    WRITE,
    /** H2's own timer writes about once a second: a crash loses the last second of confirmed writes. */
    BACKGROUND
}
