package io.opsbot.teams.cards;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

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
}
