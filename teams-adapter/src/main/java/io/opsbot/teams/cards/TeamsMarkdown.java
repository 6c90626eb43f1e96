package io.opsbot.teams.cards;

import io.opsbot.core.message.Markup;
import io.opsbot.core.message.Texts;

import java.net.URI;
import java.util.Locale;

/**
 * Renders the core's typed {@link Markup} as Teams markdown. Only the spans' styles become formatting: every piece of
 * text is escaped, so user-typed {@code **}, {@code [x](y)}, {@code #} or {@code <at>} stay literal text, and bidi
 * overrides and control characters are dropped ({@link Texts#displaySafe}). Text is shortened to a budget of visible
 * characters for display.
 */
public final class TeamsMarkdown {

    /**
     * Where the markdown goes. Card TextBlocks render a small markdown subset and no HTML (and nothing can mention
     * without the card's mention entities, which we never emit). Message text also renders HTML, so there {@code <},
     * {@code >} and {@code &} are written as entities.
     */
    public enum Target { CARD, MESSAGE }

    /** After a {@code <}, an invisible character no tag name can start with. */
    private static final String NO_TAG = "\u200B";

    private TeamsMarkdown() {
    }

    public static String render(Markup markup, Target target, int maxVisible) {
        StringBuilder out = new StringBuilder();
        int budget = maxVisible;
        boolean lineStart = true;
        for (Markup.Span span : markup.spans()) {
            if (span instanceof Markup.LineBreak) {
                out.append("\n\n");
                lineStart = true;
                continue;
            }
            if (budget <= 0) {
                if (!out.toString().endsWith(Texts.ELLIPSIS)) {
                    out.append(Texts.ELLIPSIS);
                }
                break;
            }
            String visible = visibleText(span);
            String shown = Texts.cut(visible, budget);
            budget -= shown.length();
            if (shown.length() < visible.length()) {
                budget = 0;
            }
            out.append(format(span, shown, target, lineStart));
            lineStart = false;
        }
        return out.toString();
    }

    /** Plain text, escaped for the target: for labels, fact titles, button-free text. */
    public static String escape(String text, Target target) {
        return escape(text, target, true);
    }

    /**
     * Text for fields Teams shows as plain text (an activity's summary, the notification preview; an invoke's
     * message): what could disguise it is dropped and every {@code <} is followed by a zero-width space. It looks the
     * same, yet can never start a tag ({@code <at>}) however a client reads the field, and nothing shows as an entity.
     */
    public static String plain(String text) {
        return untagged(Texts.displaySafe(text));
    }

    private static String untagged(String text) {
        return text.replace("<", "<" + NO_TAG);
    }

    private static String visibleText(Markup.Span span) {
        if (span instanceof Markup.Text t) {
            return Texts.displaySafe(t.text());
        }
        if (span instanceof Markup.Link l) {
            return Texts.displaySafe(l.label());
        }
        if (span instanceof Markup.ChannelMention c) {
            // A Teams conversation id names nothing a person recognises.
            return Texts.displaySafe(c.label());
        }
        return Texts.displaySafe(((Markup.Mention) span).displayName());
    }

    private static String format(Markup.Span span, String shown, Target target, boolean lineStart) {
        if (span instanceof Markup.Link link) {
            String url = safeUrl(link.url());
            String label = escape(shown, target, lineStart);
            return url == null ? label : "[" + label + "](" + url + ")";
        }
        if (span instanceof Markup.Mention || span instanceof Markup.ChannelMention) {
            // A name, not a real mention: a mention needs entities we do not send.
            return escape(shown, target, lineStart);
        }
        Markup.Text text = (Markup.Text) span;
        return switch (text.style()) {
            case BOLD -> wrap("**", escape(shown, target, false));
            case ITALIC -> wrap("_", escape(shown, target, false));
            case CODE -> code(shown, target);
            case PLAIN -> escape(shown, target, lineStart);
        };
    }

    private static String code(String shown, Target target) {
        String inner = shown.replace("`", "'");
        if (target == Target.MESSAGE) {
            return messageCode(inner);
        }
        // Card markdown has no code spans: keep the backticks as visible quotes around escaped text, which sets off a
        // command (`skip`). A span of symbols only (a progress bar: ▓▓▓░░) is shown as it is; quotes add nothing.
        if (inner.codePoints().noneMatch(Character::isLetterOrDigit)) {
            return untagged(escapeMarkdown(inner, false));
        }
        return "`" + untagged(escapeMarkdown(inner, false)) + "`";
    }

    /**
     * A code span in message text. Teams shows entities inside a code span literally ({@code &lt;what you heard&gt;}),
     * so {@code < > &} are written outside the backticks, as entities, and the rest inside:
     * {@code feedback <what you heard>} reads as it should, in code font except for the brackets.
     */
    private static String messageCode(String inner) {
        StringBuilder out = new StringBuilder();
        StringBuilder run = new StringBuilder();
        for (int i = 0; i < inner.length(); i++) {
            char c = inner.charAt(i);
            if ("<>&".indexOf(c) >= 0) {
                if (!run.isEmpty()) {
                    out.append('`').append(run).append('`');
                    run.setLength(0);
                }
                out.append(html(String.valueOf(c)));
            } else {
                run.append(c);
            }
        }
        if (!run.isEmpty()) {
            out.append('`').append(run).append('`');
        }
        return out.toString();
    }

    /** Puts the marker around the text but outside its surrounding spaces, which would break the emphasis. */
    private static String wrap(String marker, String text) {
        String core = text.strip();
        if (core.isEmpty()) {
            return text;
        }
        int lead = text.indexOf(core);
        return text.substring(0, lead) + marker + core + marker + text.substring(lead + core.length());
    }

    /** Card text is never HTML, yet a {@code <at>} there stays visibly inert: it cannot be taken for a mention. */
    private static String escape(String text, Target target, boolean lineStart) {
        String md = escapeMarkdown(Texts.displaySafe(text), lineStart);
        return target == Target.MESSAGE ? html(md) : untagged(md);
    }

    /**
     * Escapes only what can format: emphasis, code and link brackets anywhere, list, quote and heading markers at the
     * start of a line. Nothing more, because some Teams clients (older mobile ones) show the backslash of an escape,
     * and standup text is full of harmless parentheses. {@code (} and {@code )} cannot make a link once the brackets
     * are escaped; {@code #} is a heading only at the start of a line.
     */
    private static String escapeMarkdown(String text, boolean lineStart) {
        StringBuilder out = new StringBuilder(text.length() + 8);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if ("\\*~`[]".indexOf(c) >= 0 || c == '_' && !insideWord(text, i)) {
                out.append('\\');
            } else if (i == 0 && lineStart && "-+>#".indexOf(c) >= 0) {
                // A list, quote or heading marker only counts at the start of a line.
                out.append('\\');
            } else if (c == '.' && lineStart && i > 0 && text.substring(0, i).chars().allMatch(Character::isDigit)) {
                out.append('\\');
            }
            out.append(c);
        }
        return out.toString();
    }

    /**
     * An underscore between two letters or digits ({@code America/Los_Angeles}, {@code snake_case}) can neither open
     * nor close emphasis, so it is left alone: escaped, some clients would show the backslash.
     */
    private static boolean insideWord(String text, int i) {
        return i > 0 && i < text.length() - 1 && Character.isLetterOrDigit(text.charAt(i - 1))
                && Character.isLetterOrDigit(text.charAt(i + 1));
    }

    private static String html(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    /** Web and mail links only, with the characters that would end the markdown link encoded. */
    static String safeUrl(String url) {
        try {
            URI uri = URI.create(url.strip().replace(" ", "%20"));
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("https") && !scheme.equals("http") && !scheme.equals("mailto")) {
                return null;
            }
            return uri.toASCIIString().replace("(", "%28").replace(")", "%29");
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
