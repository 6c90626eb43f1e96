package io.opsbot.teams.cards;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.annotation.JsonTypeName;

import java.util.Map;

/**
 * Card buttons. Buttons are {@code Action.Execute} (Universal Actions: answered by an {@code adaptiveCard/action}
 * invoke, and the card can be replaced in the answer) with an {@code Action.Submit} fallback for clients without
 * Universal Actions, which send a {@code message} activity carrying {@code value} instead.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "type")
@JsonSubTypes({@JsonSubTypes.Type(CardAction.Submit.class), @JsonSubTypes.Type(CardAction.Execute.class)})
@JsonInclude(JsonInclude.Include.NON_NULL)
public sealed interface CardAction {

    @JsonTypeName("Action.Submit")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Submit(String title, Map<String, Object> data, String style) implements CardAction {
    }

    @JsonTypeName("Action.Execute")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Execute(String title, String verb, Map<String, Object> data, String style, Submit fallback)
            implements CardAction {
    }
}
