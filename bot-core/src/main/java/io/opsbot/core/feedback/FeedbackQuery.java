package io.opsbot.core.feedback;

import io.opsbot.core.conversation.UserError;
import io.opsbot.core.mention.MentionTokens;
import io.opsbot.core.tenant.UserRef;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What to find: words (searched with Lucene's English analyzer, in summaries and details) and filters, as typed after
 * {@code feedback search} or {@code feedback export}:
 * {@code export timeout #reporting status:planned type:bug customer:Acme owner:@ana} ({@code customer:"Big Corp"}
 * for a name with spaces, {@code owner:me}, {@code status:open} for everything not shipped, declined or merged).
 * The filter words are read here; the words left are handed to Lucene as they are.
 */
public record FeedbackQuery(String words, String area, FeedbackStatus status, boolean openOnly, FeedbackType type,
                            String customer, UserRef owner) {

    private static final Pattern FILTER = Pattern.compile(
            "(?<![\\w&<])#([A-Za-z][A-Za-z0-9-]*)\\b|(?<!\\S)(status|type|customer|owner):(\"[^\"]*\"|\\S+)",
            Pattern.CASE_INSENSITIVE);
    static final String OPEN = "open";

    /** The most words {@code feedback export} reads as filters. */
    static final int MAX_FILTERS = 30;

    /** Everything: no words, no filter. */
    public static final FeedbackQuery ALL = new FeedbackQuery("", null, null, false, null, null, null);

    public FeedbackQuery {
        words = words == null ? "" : words.strip().replaceAll("\\s+", " ");
    }

    public boolean hasWords() {
        return !words.isEmpty();
    }

    public boolean filtersNothing() {
        return !hasWords() && area == null && status == null && !openOnly && type == null && customer == null
               && owner == null;
    }

    /**
     * Reads typed text; {@code me} is the person asking, {@code areas} the tenant's areas. A filter that cannot be
     * read (an unknown status, area or type, an owner who is not mentioned) is a {@link UserError} naming what would
     * be.
     */
    public static FeedbackQuery parse(String text, UserRef me, List<String> areas) {
        String area = null;
        FeedbackStatus status = null;
        boolean open = false;
        FeedbackType type = null;
        String customer = null;
        UserRef owner = null;
        StringBuilder rest = new StringBuilder();
        Matcher m = FILTER.matcher(text == null ? "" : text);
        while (m.find()) {
            m.appendReplacement(rest, " ");
            if (m.group(1) != null) {
                area = m.group(1).toLowerCase(Locale.ROOT);
                if (!areas.contains(area)) {
                    throw new UserError("#" + area + " is not a product area here. Areas: #" + String.join(", #", areas)
                            + ".");
                }
                continue;
            }
            String value = unquote(m.group(3));
            switch (m.group(2).toLowerCase(Locale.ROOT)) {
                case "status" -> {
                    if (value.equalsIgnoreCase(OPEN)) {
                        open = true;
                    } else {
                        status = FeedbackStatus.parse(value).orElseThrow(() -> new UserError("“" + value
                                + "” is not a status. Statuses: open, " + String.join(", ", FeedbackStatus.words())
                                + "."));
                    }
                }
                case "type" -> type = FeedbackType.parse(value).orElseThrow(() -> new UserError("“" + value
                        + "” is not a type. Types: bug, feature, improvement, praise, question."));
                case "customer" -> customer = value.isBlank() ? null : value;
                default -> owner = owner(value, me);
            }
        }
        m.appendTail(rest);
        return new FeedbackQuery(rest.toString(), area, status, open, type, customer, owner);
    }

    /**
     * The text, if it is made of filters only ({@code #reporting status:planned customer:"Big Corp"}): what
     * {@code feedback export} takes, so that "Export to CSV times out" is not mistaken for an export.
     */
    static Optional<String> filtersOnly(String text) {
        return FILTER.matcher(text).replaceAll(" ").isBlank() ? Optional.of(text) : Optional.empty();
    }

    private static UserRef owner(String value, UserRef me) {
        if (value.equalsIgnoreCase("me")) {
            return me;
        }
        List<String> ids = MentionTokens.userIds(value);
        if (ids.size() != 1) {
            throw new UserError("I couldn't tell who " + value + " is: write owner:me, or mention them so the name is "
                    + "highlighted (pick them from the list as you type).");
        }
        return new UserRef(me.tenant(), ids.get(0));
    }

    private static String unquote(String value) {
        return value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")
                ? value.substring(1, value.length() - 1).strip() : value;
    }

    /** The query as it would be typed again (the owner as a mention token): what a "Show more" button carries. */
    public String toText() {
        List<String> parts = new ArrayList<>();
        if (hasWords()) {
            parts.add(words);
        }
        if (area != null) {
            parts.add("#" + area);
        }
        if (openOnly) {
            parts.add("status:" + OPEN);
        }
        if (status != null) {
            parts.add("status:" + status.word());
        }
        if (type != null) {
            parts.add("type:" + type.name().toLowerCase(Locale.ROOT).replace("feature_request", "feature"));
        }
        if (customer != null) {
            parts.add("customer:" + (customer.contains(" ") ? "\"" + customer + "\"" : customer));
        }
        if (owner != null) {
            parts.add("owner:" + MentionTokens.token(owner.userId()));
        }
        return String.join(" ", parts);
    }

    /** How a result list describes it: "export timeout · #reporting · planned" (the owner is shown by name apart). */
    public String describe() {
        List<String> parts = new ArrayList<>();
        if (hasWords()) {
            parts.add("“" + words + "”");
        }
        if (area != null) {
            parts.add("#" + area);
        }
        if (openOnly) {
            parts.add("open");
        }
        if (status != null) {
            parts.add(status.label().toLowerCase(Locale.ROOT));
        }
        if (type != null) {
            parts.add(type.label().toLowerCase(Locale.ROOT));
        }
        if (customer != null) {
            parts.add("customer " + customer);
        }
        return parts.isEmpty() && owner == null ? "all feedback" : String.join(" · ", parts);
    }
}
