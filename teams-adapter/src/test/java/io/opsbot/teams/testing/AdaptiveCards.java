package io.opsbot.teams.testing;

import com.fasterxml.jackson.databind.JsonNode;
import io.opsbot.teams.testing.FakeBotConnector.Recorded;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;

/** Reads the Adaptive Cards the bot sends, and answers them the way Teams does. */
public final class AdaptiveCards {

    private AdaptiveCards() {
    }

    /** The card of an activity's first attachment, which must be an Adaptive Card. */
    public static JsonNode card(Recorded activity) {
        JsonNode attachment = activity.body().path("attachments").get(0);
        assertThat(attachment.path("contentType").asText()).isEqualTo("application/vnd.microsoft.card.adaptive");
        return attachment.path("content");
    }

    /** The text of every TextBlock, in order. */
    public static List<String> texts(JsonNode card) {
        return StreamSupport.stream(card.path("body").spliterator(), false)
                .filter(e -> e.path("type").asText().equals("TextBlock")).map(e -> e.path("text").asText()).toList();
    }

    public static List<JsonNode> inputs(JsonNode card) {
        return StreamSupport.stream(card.path("body").spliterator(), false)
                .filter(e -> e.path("type").asText().startsWith("Input.")).toList();
    }

    public static JsonNode input(JsonNode card, String id) {
        return inputs(card).stream().filter(i -> i.path("id").asText().equals(id)).findFirst().orElseThrow();
    }

    /** The attention-coloured text right under an input (after its hint, if any). */
    public static String errorUnder(JsonNode card, String id) {
        List<JsonNode> body = StreamSupport.stream(card.path("body").spliterator(), false).toList();
        for (int i = 0; i < body.size(); i++) {
            if (body.get(i).path("id").asText().equals(id)) {
                for (int j = i + 1; j < body.size() && !body.get(j).path("type").asText().startsWith("Input."); j++) {
                    if ("Attention".equals(body.get(j).path("color").asText())) {
                        return body.get(j).path("text").asText();
                    }
                }
            }
        }
        return null;
    }

    /** The actions of every ActionSet in the body, in order. */
    public static List<JsonNode> buttons(JsonNode card) {
        return StreamSupport.stream(card.path("body").spliterator(), false)
                .filter(e -> e.path("type").asText().equals("ActionSet"))
                .flatMap(e -> StreamSupport.stream(e.path("actions").spliterator(), false)).toList();
    }

    /** A button's data, as Teams sends it back. */
    public static Map<String, Object> data(JsonNode button) {
        Map<String, Object> data = new HashMap<>();
        button.path("data").properties().forEach(e -> data.put(e.getKey(), e.getValue()));
        return data;
    }

    /** What Teams sends back for a form: the submit button's data merged with the inputs' values. */
    public static Map<String, Object> submitData(Recorded formCard, Map<String, String> values) {
        Map<String, Object> data = data(card(formCard).path("actions").get(0));
        data.putAll(values);
        return data;
    }
}
