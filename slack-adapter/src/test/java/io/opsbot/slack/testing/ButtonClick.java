package io.opsbot.slack.testing;

import com.google.gson.JsonObject;

/**
 * A {@code block_actions} payload built from the {@code slack/block_actions.in-thread.json} fixture: someone of this
 * workspace ({@link FakeSlackApi#TEAM_ID}) clicks a button the bot sent, in a message that is not ephemeral. The
 * action carries the button's {@code action_id} and {@code value}.
 */
public final class ButtonClick {

    private final JsonObject payload = Fixtures.json("slack/block_actions.in-thread.json");

    private ButtonClick(JsonObject button) {
        payload.getAsJsonObject("team").addProperty("id", FakeSlackApi.TEAM_ID);
        payload.getAsJsonObject("user").addProperty("team_id", FakeSlackApi.TEAM_ID);
        payload.getAsJsonObject("container").addProperty("is_ephemeral", false);
        JsonObject action = payload.getAsJsonArray("actions").get(0).getAsJsonObject();
        action.addProperty("action_id", button.get("action_id").getAsString());
        action.addProperty("value", button.get("value").getAsString());
    }

    /** A click on this button (as found with {@link BlockKit#button}). */
    public static ButtonClick on(JsonObject button) {
        return new ButtonClick(button);
    }

    /** From another workspace than {@link FakeSlackApi#TEAM_ID}. */
    public ButtonClick team(String teamId) {
        payload.getAsJsonObject("team").addProperty("id", teamId);
        payload.getAsJsonObject("user").addProperty("team_id", teamId);
        return this;
    }

    /** Who clicks. */
    public ButtonClick user(String userId) {
        payload.getAsJsonObject("user").addProperty("id", userId);
        return this;
    }

    /** The conversation of the message with the button. */
    public ButtonClick channel(String channelId) {
        payload.getAsJsonObject("channel").addProperty("id", channelId);
        payload.getAsJsonObject("container").addProperty("channel_id", channelId);
        return this;
    }

    /** The ts of the message with the button; the fixture's unless set. */
    public ButtonClick messageTs(String ts) {
        payload.getAsJsonObject("container").addProperty("message_ts", ts);
        return this;
    }

    /** On an ephemeral message (a command's private reply), which only its response_url can change. */
    public ButtonClick ephemeral() {
        payload.getAsJsonObject("container").addProperty("is_ephemeral", true);
        return this;
    }

    public ButtonClick responseUrl(String responseUrl) {
        payload.addProperty("response_url", responseUrl);
        return this;
    }

    public JsonObject json() {
        return payload;
    }
}
