package io.opsbot.slack.inbound;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Slack message's text (mrkdwn as Slack stores it) as the plain words a person sees, for prefilling a form from a
 * message: {@code <@U123>} becomes {@code @U123}, {@code <!channel>} {@code @channel}, {@code <#C1|general>}
 * {@code #general}, a link {@code <https://x|label>} its label and address, and Slack's own escapes are undone. The
 * result holds no live token; wherever it is shown later it is escaped again like any user text.
 */
final class SlackText {

    private static final Pattern TOKEN = Pattern.compile("<([^<>]*)>");

    private SlackText() {
    }

    static String readable(String mrkdwn) {
        if (mrkdwn == null) {
            return "";
        }
        Matcher m = TOKEN.matcher(mrkdwn);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(token(m.group(1))));
        }
        m.appendTail(out);
        return out.toString().replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&");
    }

    private static String token(String inner) {
        int bar = inner.indexOf('|');
        String target = bar < 0 ? inner : inner.substring(0, bar);
        String label = bar < 0 ? null : inner.substring(bar + 1);
        if (target.startsWith("@")) {
            return label != null && !label.isBlank() ? "@" + label.replaceFirst("^@", "") : target;
        }
        if (target.startsWith("#")) {
            return "#" + (label != null && !label.isBlank() ? label : target.substring(1));
        }
        if (target.startsWith("!")) {
            // <!channel>, <!here>, <!everyone>, <!subteam^S1|@team>, <!date^...|fallback>
            if (label != null && !label.isBlank()) {
                return label.startsWith("@") || target.startsWith("!date") ? label : "@" + label;
            }
            String name = target.substring(1);
            int caret = name.indexOf('^');
            return "@" + (caret < 0 ? name : name.substring(caret + 1));
        }
        return label == null || label.isBlank() || label.equals(target) ? target : label + " (" + target + ")";
    }
}
