package io.opsbot.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The conditions a figure was measured under, printed with it. */
final class Machine {

    private Machine() {
    }

    /** The 1, 5 and 15 minute load averages (Linux), as {@code uptime} shows them. */
    static String load() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return parts[0] + " " + parts[1] + " " + parts[2];
        } catch (IOException e) {
            return "unknown";
        }
    }
}
