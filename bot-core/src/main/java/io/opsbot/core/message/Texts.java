package io.opsbot.core.message;

/** Shortening text for display limits, shared by the core and the adapters' renderers. */
public final class Texts {

    public static final String ELLIPSIS = "…";

    private Texts() {
    }

    /**
     * Returns {@code text} if it fits in {@code limit} characters, else a prefix ending in "…" that does, cut at a
     * word boundary when one is near and never between the two halves of a surrogate pair (an emoji).
     */
    public static String shorten(String text, int limit) {
        if (text == null || text.length() <= limit) {
            return text;
        }
        if (limit < 2) {
            return ELLIPSIS;
        }
        int cut = limit - 1;
        int space = text.lastIndexOf(' ', cut);
        if (space > limit / 2) {
            cut = space;
        }
        if (Character.isHighSurrogate(text.charAt(cut - 1))) {
            cut--;
        }
        return text.substring(0, cut).stripTrailing() + ELLIPSIS;
    }

    /** Like {@link #shorten} but cuts exactly at the limit, for text where word boundaries do not matter. */
    public static String cut(String text, int limit) {
        if (text == null || text.length() <= limit) {
            return text;
        }
        int end = Math.max(0, limit - 1);
        if (end > 0 && Character.isHighSurrogate(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(0, end) + ELLIPSIS;
    }
}
