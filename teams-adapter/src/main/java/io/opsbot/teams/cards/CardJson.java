package io.opsbot.teams.cards;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Map;

/**
 * Turns cards into Jackson 2 trees, the form the SDK's own (Jackson 2) serializer puts into an activity's attachment
 * and an invoke response. Jackson 3, which Spring MVC uses, is never involved.
 */
public final class CardJson {

    private static final ObjectMapper MAPPER = JsonMapper.builder().build();

    private CardJson() {
    }

    public static JsonNode toTree(AdaptiveCard card) {
        return MAPPER.valueToTree(card);
    }

    /**
     * The card as the Bot Connector client must be given it. The SDK serializes activities with Azure's
     * FlatteningSerializer, which turns every key containing a dot into nested objects: a people picker's
     * {@code "choices.data"} would become {@code "choices": {"data": ...}}, collide with the {@code choices} array and
     * fail the whole send. A dot escaped as {@code \.} is written back as a plain dot, so every key is escaped here.
     * (Invoke responses are written by the SDK's plain mapper and take {@link #toTree} as is.)
     */
    public static JsonNode forConnector(AdaptiveCard card) {
        return escapeDotsInKeys(toTree(card));
    }

    static JsonNode escapeDotsInKeys(JsonNode node) {
        if (node instanceof ObjectNode object) {
            ObjectNode escaped = MAPPER.createObjectNode();
            for (Map.Entry<String, JsonNode> field : object.properties()) {
                escaped.set(field.getKey().replace(".", "\\."), escapeDotsInKeys(field.getValue()));
            }
            return escaped;
        }
        if (node instanceof ArrayNode array) {
            ArrayNode escaped = MAPPER.createArrayNode();
            array.forEach(element -> escaped.add(escapeDotsInKeys(element)));
            return escaped;
        }
        return node;
    }
}
