package io.opsbot.teams.cards;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import java.util.List;
import java.util.Map;

/**
 * An Adaptive Card, schema 1.5: the highest version Teams renders, and the one Universal Actions
 * ({@code Action.Execute}) need. Serialised with Jackson 2 by {@link CardJson}. A card with a {@link Refresh} is
 * rebuilt by the bot whenever Teams shows it again (Universal Actions' automatic refresh).
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@JsonPropertyOrder({"type", "$schema", "version", "refresh", "body", "actions", "msteams"})
public record AdaptiveCard(List<CardElement> body, List<CardAction> actions, Refresh refresh) {

    /** The Action.Execute Teams sends (as an adaptiveCard/action invoke) to get the card as it is now. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Refresh(CardAction.Execute action) {
    }

    public static final String VERSION = "1.5";
    public static final String CONTENT_TYPE = "application/vnd.microsoft.card.adaptive";

    public AdaptiveCard {
        body = List.copyOf(body);
        actions = actions == null ? List.of() : List.copyOf(actions);
    }

    public AdaptiveCard(List<CardElement> body, List<CardAction> actions) {
        this(body, actions, null);
    }

    @JsonProperty("type")
    public String type() {
        return "AdaptiveCard";
    }

    @JsonProperty("$schema")
    public String schema() {
        return "http://adaptivecards.io/schemas/adaptive-card.json";
    }

    @JsonProperty("version")
    public String version() {
        return VERSION;
    }

    /** Full width: the default narrow card squeezes fact sets and forms. */
    @JsonProperty("msteams")
    public Map<String, String> msteams() {
        return Map.of("width", "Full");
    }
}
