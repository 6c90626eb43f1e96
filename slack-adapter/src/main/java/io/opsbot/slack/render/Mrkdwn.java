package io.opsbot.slack.render;

import io.opsbot.core.message.Markup;
import io.opsbot.core.message.Texts;
import io.opsbot.core.tenant.Platform;

import java.util.regex.Pattern;

/**
 * Renders core {@link Markup} as Slack mrkdwn within a character limit. Plain text is escaped ({@code & < >}) so user
 * text can never become a mention ({@code <!channel>}) or a link; the limit is applied while rendering so a cut never
 * lands inside an escape, a link or a mention, and the result ends with "…" when something was left out.
 */
public final class Mrkdwn {

    private Mrkdwn() {
    }

    public static String render(Markup markup, int limit) {
        StringBuilder out = new StringBuilder();
        int budget = limit - Texts.ELLIPSIS.length();
        for (Markup.Span span : markup.spans()) {
            String piece = render(span);
            if (out.length() + piece.length() <= budget) {
                out.append(piece);
                continue;
            }
            // Doesn't fit: keep what fits of a text span, then stop.
            if (span instanceof Markup.Text text) {
                out.append(partial(text, budget - out.length()));
            }
            return out.append(Texts.ELLIPSIS).toString();
        }
        return out.toString();
    }

    /**
     * Plain text as mrkdwn that shows it literally: {@code & < >} escaped (so nothing becomes a mention, a channel
     * ping or a disguised link) and bidi overrides and control characters dropped ({@link Texts#displaySafe}).
     */
    public static String escape(String text) {
        return Texts.displaySafe(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    private static final Pattern CHANNEL_ID = Pattern.compile("[CGD][A-Z0-9]{2,}");

    private static String render(Markup.Span span) {
        if (span instanceof Markup.Text text) {
            return styled(escape(text.text()), text.style());
        }
        if (span instanceof Markup.Link link) {
            String url = link.url().replace("|", "%7C").replace(">", "%3E").replace("<", "%3C");
            return "<" + url + "|" + escape(link.label()) + ">";
        }
        if (span instanceof Markup.Mention mention) {
            return mention.user().platform() == Platform.SLACK
                    ? "<@" + mention.user().userId() + ">"
                    : "*" + escape(mention.displayName()) + "*";
        }
        if (span instanceof Markup.ChannelMention channel) {
            // Slack shows <#C123> as the channel's name; an id of another shape is no Slack channel.
            return CHANNEL_ID.matcher(channel.channelId()).matches() ? "<#" + channel.channelId() + ">"
                    : escape(channel.label());
        }
        return "\n";
    }

    private static String styled(String escaped, Markup.Style style) {
        // Slack ignores delimiters wrapped around leading/trailing spaces, so keep spaces outside them.
        String core = escaped.strip();
        if (style == Markup.Style.PLAIN || core.isEmpty()) {
            return escaped;
        }
        String delimiter = switch (style) {
            case BOLD -> "*";
            case ITALIC -> "_";
            case CODE -> "`";
            default -> "";
        };
        int lead = escaped.indexOf(core);
        return escaped.substring(0, lead) + delimiter + core + delimiter + escaped.substring(lead + core.length());
    }

    /** The longest prefix of a text span whose rendering fits in {@code room}, or "" if none does. */
    private static String partial(Markup.Text text, int room) {
        int overhead = text.style() == Markup.Style.PLAIN ? 0 : 2;
        String raw = text.text();
        int used = overhead;
        int end = 0;
        while (end < raw.length()) {
            int cp = raw.codePointAt(end);
            int len = escape(new String(Character.toChars(cp))).length();
            if (used + len > room) {
                break;
            }
            used += len;
            end += Character.charCount(cp);
        }
        return end == 0 ? "" : styled(escape(raw.substring(0, end)), text.style());
    }
}
