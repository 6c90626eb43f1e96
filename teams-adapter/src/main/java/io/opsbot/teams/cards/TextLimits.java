package io.opsbot.teams.cards;

/** Shortening for display. The core always keeps the full text; only what Teams shows is cut. */
public final class TextLimits {

    public static final String ELLIPSIS = "…";

    private TextLimits() {
    }

    /**
     * At most {@code max} chars, ending in "…" when cut. Never splits a surrogate pair, so an emoji is either whole or
     * gone, never half a character that Teams would show as garbage.
     */
    public static String truncate(String text, int max) {
        if (text == null || text.length() <= max) {
            return text;
        }
        if (max <= ELLIPSIS.length()) {
            return ELLIPSIS.substring(0, Math.max(0, max));
        }
        int end = max - ELLIPSIS.length();
        if (Character.isHighSurrogate(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(0, end) + ELLIPSIS;
    }
}
