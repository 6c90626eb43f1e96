package io.opsbot.core.availability;

/** Whether to nudge someone on a day, and if not, why (shown in summaries: "Ana: out of office"). */
public record Availability(boolean available, String reason) {

    public static final Availability AVAILABLE = new Availability(true, null);

    public static Availability away(String reason) {
        return new Availability(false, reason);
    }
}
