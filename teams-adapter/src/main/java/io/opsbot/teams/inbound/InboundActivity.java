package io.opsbot.teams.inbound;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.opsbot.core.conversation.Invoker;
import io.opsbot.core.gateway.Destination;
import io.opsbot.core.tenant.TenantRef;
import io.opsbot.core.tenant.UserRef;
import io.opsbot.teams.conversations.ConversationReferences;
import io.opsbot.teams.conversations.TeamsConversation;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One inbound activity, read directly from its JSON. The SDK's own activity and channel-data types use a strict mapper
 * that fails on fields it does not know (Teams adds new ones) and misreads some timestamps, so the tree is read instead.
 */
final class InboundActivity {

    private static final Pattern THREAD = Pattern.compile("^(.*);messageid=(\\d+)$");
    private static final Pattern AT_TAG = Pattern.compile("<at[^>]*>(.*?)</at>", Pattern.CASE_INSENSITIVE);

    private final JsonNode raw;
    private final String tenantId;
    /** Replies queued while handling this activity: each gets an outbox key of its own. */
    private int replies;

    private InboundActivity(JsonNode raw, String tenantId) {
        this.raw = raw;
        this.tenantId = tenantId;
    }

    /**
     * Reads an activity; null when the JSON is not an activity. The tenant is only ever the one the activity names
     * (the Agents Playground names one too): an activity without one has no tenant its data could belong to.
     */
    static InboundActivity parse(JsonNode raw) {
        if (!(raw instanceof ObjectNode) || !raw.path("type").isTextual()) {
            return null;
        }
        String tenant = text(raw.path("channelData").path("tenant").path("id"));
        if (tenant == null) {
            tenant = text(raw.path("conversation").path("tenantId"));
        }
        return new InboundActivity(raw, tenant);
    }

    /** The number of the next reply to this activity (0 for the first). */
    int nextReply() {
        return replies++;
    }

    String type() {
        return text(raw.path("type"));
    }

    /** The activity's id: the same for every redelivery of one activity. */
    String id() {
        return text(raw.path("id"));
    }

    String name() {
        return text(raw.path("name"));
    }

    boolean hasTenant() {
        return tenantId != null;
    }

    TenantRef tenant() {
        return TenantRef.teams(tenantId);
    }

    String serviceUrl() {
        return text(raw.path("serviceUrl"));
    }

    /** The conversation id as Teams sent it, thread suffix included: replies go there. */
    String conversationId() {
        return text(raw.path("conversation").path("id"));
    }

    /** The conversation without the {@code ;messageid=} of a reply chain: a channel, a chat or a 1:1 chat. */
    String baseConversationId() {
        String id = conversationId();
        Matcher m = id == null ? null : THREAD.matcher(id);
        return m != null && m.matches() ? m.group(1) : id;
    }

    /** The root message id of the reply chain this activity is in, or null. */
    String threadId() {
        String id = conversationId();
        Matcher m = id == null ? null : THREAD.matcher(id);
        return m != null && m.matches() ? m.group(2) : null;
    }

    /** personal, channel or groupChat; inferred from the channel data when Teams leaves it out (older payloads). */
    String conversationType() {
        String type = text(raw.path("conversation").path("conversationType"));
        if (type != null) {
            return type;
        }
        if (raw.path("channelData").path("channel").isObject() || raw.path("channelData").path("team").isObject()) {
            return TeamsConversation.CHANNEL;
        }
        return raw.path("conversation").path("isGroup").asBoolean(false) ? TeamsConversation.GROUP_CHAT
                : TeamsConversation.PERSONAL;
    }

    boolean personal() {
        return TeamsConversation.PERSONAL.equals(conversationType());
    }

    String teamId() {
        return text(raw.path("channelData").path("team").path("id"));
    }

    /** Teams sends a channel's name on some activities (channelCreated, installs); null otherwise. */
    String channelName() {
        String name = text(raw.path("channelData").path("channel").path("name"));
        return name != null ? name : text(raw.path("conversation").path("name"));
    }

    String botId() {
        return text(raw.path("recipient").path("id"));
    }

    String userId() {
        return text(raw.path("from").path("id"));
    }

    String userName() {
        return text(raw.path("from").path("name"));
    }

    String aadObjectId() {
        return text(raw.path("from").path("aadObjectId"));
    }

    String replyToId() {
        return text(raw.path("replyToId"));
    }

    String action() {
        return text(raw.path("action"));
    }

    JsonNode value() {
        return raw.path("value");
    }

    /** A field of the activity as sent (an array of reactions, ...); a missing node when absent. */
    JsonNode raw(String field) {
        return raw.path(field);
    }

    JsonNode membersAdded() {
        return raw.path("membersAdded");
    }

    /**
     * The text with the bot's own mention removed. Done here rather than with the SDK's removeRecipientMention, which
     * feeds the mention text to String.replaceAll as a regex (a bot named "Ops (beta)" would not be stripped, and
     * "[" would throw). Other people's mentions are kept as their names.
     */
    String textWithoutBotMention() {
        return textWithoutBotMention(mention -> null);
    }

    /** A person mentioned with an entity: their {@code 29:} id, Entra object id if Teams sent it, and the text. */
    record Mention(String id, String aadObjectId, String name, String text) {
    }

    /** People (not the bot, not channels or tags) mentioned with an entity, in order. */
    java.util.List<Mention> mentionedPeople() {
        java.util.List<Mention> people = new java.util.ArrayList<>();
        String bot = botId();
        for (JsonNode entity : raw.path("entities")) {
            JsonNode mentioned = entity.path("mentioned");
            String id = text(mentioned.path("id"));
            String aad = text(mentioned.path("aadObjectId"));
            String mention = text(entity.path("text"));
            if ("mention".equalsIgnoreCase(entity.path("type").asText()) && id != null && mention != null
                    && !id.equals(bot) && (id.startsWith("29:") || aad != null)) {
                people.add(new Mention(id, aad, text(mentioned.path("name")), mention));
            }
        }
        return people;
    }

    /**
     * Like {@link #textWithoutBotMention()}, but each person mentioned with an entity is replaced by what
     * {@code people} says (a mention token); a null answer keeps their name.
     */
    String textWithoutBotMention(java.util.function.Function<Mention, String> people) {
        String text = text(raw.path("text"));
        if (text == null) {
            return "";
        }
        for (Mention mention : mentionedPeople()) {
            String replacement = people.apply(mention);
            if (replacement != null) {
                text = text.replace(mention.text(), replacement);
            }
        }
        String bot = botId();
        for (JsonNode entity : raw.path("entities")) {
            if ("mention".equalsIgnoreCase(entity.path("type").asText())
                    && bot != null && bot.equals(entity.path("mentioned").path("id").asText(null))) {
                String mention = entity.path("text").asText("");
                if (!mention.isEmpty()) {
                    text = text.replace(mention, " ");
                }
            }
        }
        String botName = text(raw.path("recipient").path("name"));
        if (botName != null) {
            // Some clients send the mention without its entity.
            text = text.replace("<at>" + botName + "</at>", " ");
        }
        return AT_TAG.matcher(text).replaceAll(m -> Matcher.quoteReplacement(m.group(1))).replace('\u00a0', ' ')
                .strip();
    }

    /** The person's time zone from the Teams client, when it sent a valid one. */
    ZoneId zone() {
        for (JsonNode entity : raw.path("entities")) {
            if ("clientInfo".equalsIgnoreCase(entity.path("type").asText())) {
                String zone = entity.path("timezone").asText("");
                try {
                    return zone.isBlank() ? null : ZoneId.of(zone);
                } catch (DateTimeException e) {
                    return null;
                }
            }
        }
        return null;
    }

    /**
     * The person as the core knows them: by Entra (AAD) object id when Teams sends one, as it does for every tenant
     * user. That is also what the card people picker returns, so a person picked as a participant and the same
     * person answering in chat are one {@link UserRef}; the Teams-specific {@code 29:} id is the fallback.
     */
    String personId() {
        String aad = aadObjectId();
        return aad != null ? aad : userId();
    }

    Invoker invoker() {
        Destination.Channel here = new Destination.Channel(tenant(), baseConversationId(), threadId());
        return new Invoker(new UserRef(tenant(), personId()), userName(), here, personal(), zone());
    }

    /** The conversation reference this activity refreshes. */
    ConversationReferences.Seen seen() {
        boolean personal = personal();
        return new ConversationReferences.Seen(tenant(), baseConversationId(), conversationType(), serviceUrl(),
                botId(), teamId(), personal ? userId() : null, personal ? aadObjectId() : null, channelName());
    }

    private static String text(JsonNode node) {
        return node.isTextual() && !node.asText().isBlank() ? node.asText() : null;
    }
}
