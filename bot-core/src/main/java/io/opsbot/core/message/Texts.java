package io.opsbot.core.message;

/** Shortening text for display limits and making it safe to show, shared by the core and the adapters' renderers. */
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

    /**
     * The text without what could disguise it when shown: bidirectional overrides and isolates (U+202A-U+202E,
     * U+2066-U+2069, which can make {@code exe.txt} read as {@code txt.exe}), NUL and the other control characters
     * except tab and line breaks. Adapters apply it to every piece of text they send, before escaping it for the
     * platform.
     */
    public static String displaySafe(String text) {
        if (text == null) {
            return null;
        }
        StringBuilder out = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (hidden(c)) {
                if (out == null) {
                    out = new StringBuilder(text.length()).append(text, 0, i);
                }
            } else if (out != null) {
                out.append(c);
            }
        }
        return out == null ? text : out.toString();
    }

    private static boolean hidden(char c) {
        return c >= '\u202A' && c <= '\u202E' || c >= '\u2066' && c <= '\u2069'
                || Character.getType(c) == Character.CONTROL && c != '\t' && c != '\n' && c != '\r';
    }
}
