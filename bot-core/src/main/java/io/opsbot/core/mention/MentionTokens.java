package io.opsbot.core.mention;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * People mentioned in a command's text, in one neutral form: {@code <@USERID>} with the platform's canonical user id
 * (a Slack user id, a Teams person's Entra object id). Adapters write mentions this way; commands read them here. Slack's
 * escaped form {@code <@U123|name>} (slash commands with {@code should_escape}) is read too.
 */
public final class MentionTokens {

    private static final Pattern TOKEN = Pattern.compile("<@([A-Za-z0-9:._\\-]+)(?:\\|[^>]*)?>");

    private MentionTokens() {
    }

    /** The token for a user id. */
    public static String token(String userId) {
        return "<@" + userId + ">";
    }

    /** Rewrites {@code <@U123|name>} as {@code <@U123>}; everything else stays as it was. */
    public static String normalize(String text) {
        if (text == null) {
            return "";
        }
        return TOKEN.matcher(text).replaceAll(m -> Matcher.quoteReplacement(token(m.group(1))));
    }

    /** The mentioned user ids, in order, without repeats. */
    public static List<String> userIds(String text) {
        return parse(text).userIds();
    }

    /** The mentions and the words around them. */
    public static Parsed parse(String text) {
        List<String> ids = new ArrayList<>();
        if (text == null) {
            return new Parsed(ids, "");
        }
        Matcher m = TOKEN.matcher(text);
        StringBuilder rest = new StringBuilder();
        while (m.find()) {
            if (!ids.contains(m.group(1))) {
                ids.add(m.group(1));
            }
            m.appendReplacement(rest, " ");
        }
        m.appendTail(rest);
        return new Parsed(List.copyOf(ids), rest.toString().strip().replaceAll("\\s+", " "));
    }

    /** Mentioned user ids, and the text with the mentions taken out (single-spaced). */
    public record Parsed(List<String> userIds, String rest) {
    }
}
