package io.opsbot.slack.testing;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;

/**
 * A {@code view_submission} payload built from the {@code slack/view_submission.json} fixture: from this workspace
 * ({@link FakeSlackApi#TEAM_ID} in {@code team}, {@code user} and {@code view}), with the modal's callback id and the
 * submitted values. Each input is its own block and action, both named by the input's id, and each value is shaped
 * the way Slack sends that element type.
 */
public final class ViewSubmission {

    private final JsonObject payload = Fixtures.json("slack/view_submission.json");
    private final JsonObject view = payload.getAsJsonObject("view");
    private final JsonObject values = new JsonObject();

    private ViewSubmission(String callbackId) {
        payload.getAsJsonObject("team").addProperty("id", FakeSlackApi.TEAM_ID);
        payload.getAsJsonObject("user").addProperty("team_id", FakeSlackApi.TEAM_ID);
        view.addProperty("team_id", FakeSlackApi.TEAM_ID);
        view.addProperty("callback_id", callbackId);
        JsonObject state = new JsonObject();
        state.add("values", values);
        view.add("state", state);
    }

    /** A submission of the modal with this callback id; the submitter is the fixture's user unless {@link #user}. */
    public static ViewSubmission of(String callbackId) {
        return new ViewSubmission(callbackId);
    }

    /** From another workspace than {@link FakeSlackApi#TEAM_ID}. */
    public ViewSubmission team(String teamId) {
        payload.getAsJsonObject("team").addProperty("id", teamId);
        payload.getAsJsonObject("user").addProperty("team_id", teamId);
        view.addProperty("team_id", teamId);
        return this;
    }

    /**
     * From workspace {@code teamId} of an Enterprise Grid org the app is installed in org-wide, as Slack sends it
     * (fixture view_submission.org-app.json): no team, the org, {@code is_enterprise_install}.
     */
    public ViewSubmission inOrg(String enterpriseId, String teamId) {
        team(teamId);
        payload.add("team", com.google.gson.JsonNull.INSTANCE);
        JsonObject enterprise = new JsonObject();
        enterprise.addProperty("id", enterpriseId);
        enterprise.addProperty("name", "Org " + enterpriseId);
        payload.add("enterprise", enterprise);
        payload.addProperty("is_enterprise_install", true);
        view.addProperty("app_installed_team_id", enterpriseId);
        return this;
    }

    /** Who submits it. */
    public ViewSubmission user(String userId) {
        payload.getAsJsonObject("user").addProperty("id", userId);
        return this;
    }

    public ViewSubmission privateMetadata(String privateMetadata) {
        view.addProperty("private_metadata", privateMetadata);
        return this;
    }

    public ViewSubmission plainTextInput(String id, String value) {
        return input(id, "plain_text_input", "value", value);
    }

    public ViewSubmission numberInput(String id, String value) {
        return input(id, "number_input", "value", value);
    }

    public ViewSubmission staticSelect(String id, String value) {
        JsonObject input = element("static_select");
        input.add("selected_option", option(value));
        return add(id, input);
    }

    public ViewSubmission radioButtons(String id, String value) {
        JsonObject input = element("radio_buttons");
        input.add("selected_option", option(value));
        return add(id, input);
    }

    public ViewSubmission checkboxes(String id, String... selected) {
        JsonArray options = new JsonArray();
        for (String value : selected) {
            options.add(option(value));
        }
        JsonObject input = element("checkboxes");
        input.add("selected_options", options);
        return add(id, input);
    }

    public ViewSubmission usersSelect(String id, String userId) {
        return input(id, "users_select", "selected_user", userId);
    }

    public ViewSubmission multiUsersSelect(String id, String... userIds) {
        JsonArray users = new JsonArray();
        for (String userId : userIds) {
            users.add(userId);
        }
        JsonObject input = element("multi_users_select");
        input.add("selected_users", users);
        return add(id, input);
    }

    public ViewSubmission conversationsSelect(String id, String conversationId) {
        return input(id, "conversations_select", "selected_conversation", conversationId);
    }

    /** {@code HH:mm}. */
    public ViewSubmission timepicker(String id, String time) {
        return input(id, "timepicker", "selected_time", time);
    }

    /** {@code yyyy-MM-dd}. */
    public ViewSubmission datepicker(String id, String date) {
        return input(id, "datepicker", "selected_date", date);
    }

    public JsonObject json() {
        return payload;
    }

    private ViewSubmission input(String id, String type, String field, String value) {
        JsonObject input = element(type);
        input.addProperty(field, value);
        return add(id, input);
    }

    private ViewSubmission add(String id, JsonObject input) {
        JsonObject block = new JsonObject();
        block.add(id, input);
        values.add(id, block);
        return this;
    }

    private static JsonObject element(String type) {
        JsonObject input = new JsonObject();
        input.addProperty("type", type);
        return input;
    }

    private static JsonObject option(String value) {
        JsonObject option = new JsonObject();
        option.addProperty("value", value);
        return option;
    }
}
