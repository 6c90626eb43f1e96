package io.opsbot.core.feedback;

import io.opsbot.core.conversation.UserError;
import io.opsbot.core.message.Texts;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads quick-capture text: {@code bug: Export to CSV times out #reporting !high}.
 * <ul>
 *   <li>{@code #area} names a product area (one per item); a tag that is none of the tenant's areas (a typo) leaves
 *       the item without an area, and {@link Parsed#unknownArea()} says which tag it was, so nothing typed is lost;</li>
 *   <li>{@code !high} / {@code !low} (or {@code !1}..{@code !5}) sets the impact;</li>
 *   <li>a leading {@code bug:}, {@code feature:}/{@code idea:}, {@code improvement:}, {@code praise:} or
 *       {@code question:} sets the type.</li>
 * </ul>
 * Tags that are not words ({@code #123}) stay in the text. Text over {@link FeedbackDraft#SUMMARY_LIMIT} characters,
 * or over one line, gets a shortened summary and is kept whole in the details.
 */
public final class FeedbackTextParser {

    static final int HIGH = 4;
    static final int LOW = 2;

    private static final Pattern AREA_TAG = Pattern.compile("(?<![\\w&<])#([A-Za-z][A-Za-z0-9-]*)\\b");
    private static final Pattern IMPACT_TAG = Pattern.compile("(?<!\\S)!(high|low|[1-5])(?!\\S)",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern TYPE_PREFIX = Pattern.compile(
            "^(bug|feature|idea|improvement|praise|question)\\s*:\\s*", Pattern.CASE_INSENSITIVE);

    private FeedbackTextParser() {
    }

    /** What the text says, and the area tag that named no area of the tenant (null if none did). */
    public record Parsed(FeedbackDraft draft, String unknownArea) {
    }

    public static FeedbackDraft parse(String text, List<String> knownAreas) {
        return read(text, knownAreas).draft();
    }

    public static Parsed read(String text, List<String> knownAreas) {
        String rest = text == null ? "" : text.strip();
        if (rest.length() > FeedbackDraft.TEXT_LIMIT) {
            throw new UserError("That is " + rest.length() + " characters; feedback is limited to "
                    + FeedbackDraft.TEXT_LIMIT + ". Please shorten it or attach a link to the full text.");
        }

        FeedbackType type = null;
        Matcher prefix = TYPE_PREFIX.matcher(rest);
        if (prefix.find()) {
            type = FeedbackType.parse(prefix.group(1)).orElse(null);
            rest = rest.substring(prefix.end());
        }

        Integer impact = null;
        Matcher impactTag = IMPACT_TAG.matcher(rest);
        while (impactTag.find()) {
            String value = impactTag.group(1).toLowerCase(Locale.ROOT);
            impact = switch (value) {
                case "high" -> HIGH;
                case "low" -> LOW;
                default -> Integer.parseInt(value);
            };
        }
        rest = IMPACT_TAG.matcher(rest).replaceAll("");

        List<String> areas = new ArrayList<>();
        Matcher areaTag = AREA_TAG.matcher(rest);
        while (areaTag.find()) {
            areas.add(areaTag.group(1).toLowerCase(Locale.ROOT));
        }
        String area = null;
        String unknownArea = null;
        if (!areas.isEmpty()) {
            List<String> distinct = areas.stream().distinct().toList();
            if (distinct.size() > 1) {
                throw new UserError("Please tag one area per item; you tagged " + hashList(distinct) + ".");
            }
            area = distinct.get(0);
            if (!knownAreas.contains(area)) {
                unknownArea = area;
                area = null;
            }
            rest = AREA_TAG.matcher(rest).replaceAll("");
        }

        String cleaned = rest.replaceAll("[ \\t]{2,}", " ").strip();
        if (cleaned.isEmpty()) {
            throw new UserError("Tell me what the feedback is, e.g. \"Export to CSV times out #reporting !high\".");
        }
        String summary = cleaned;
        String details = null;
        if (cleaned.contains("\n") || cleaned.length() > FeedbackDraft.SUMMARY_LIMIT) {
            summary = Texts.shorten(cleaned.lines().findFirst().orElse(cleaned), FeedbackDraft.SUMMARY_LIMIT);
            details = cleaned;
        }
        return new Parsed(new FeedbackDraft(summary, details, type, area, null, impact, null), unknownArea);
    }

    private static String hashList(List<String> areas) {
        return String.join(", ", areas.stream().map(a -> "#" + a).toList());
    }
}
