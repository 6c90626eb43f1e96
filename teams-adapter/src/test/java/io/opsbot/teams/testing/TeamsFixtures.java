package io.opsbot.teams.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Loads the real Teams activities under {@code fixtures/teams/} (see SOURCES.md there) and changes only what a test
 * must: the service URL (to the fake connector), the text, the tenant, and the value/replyToId of card submissions.
 */
public final class TeamsFixtures {

    /** Megan Bowen, who writes in {@code message.personal.json}: her Entra object id and her Teams user id. */
    public static final String MEGAN_AAD = "7faf8ab2-3d56-4244-b585-20c8a42ed2b8";
    public static final String MEGAN_29 =
            "29:1XJKJMvc5GBtc2JwZq0oj8tHZmzrQgFmB39ATiQWA85gQtHieVkKilBZ9XHoq9j7Zaqt7CZ-NJWi7me2kHTL3Bw";
    /** The team channel of {@code message.channel.mention.json}. */
    public static final String CHANNEL = "19:6848757105754c8981c67612732d9aa7@thread.tacv2";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final AtomicLong IDS = new AtomicLong();

    private TeamsFixtures() {
    }

    public static Activity load(String name) {
        try (InputStream in = TeamsFixtures.class.getResourceAsStream("/fixtures/teams/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + name);
            }
            return new Activity((ObjectNode) JSON.readTree(in));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A fixture activity being adjusted for one test. */
    public static final class Activity {

        private final ObjectNode json;

        private Activity(ObjectNode json) {
            this.json = json;
            newId();
        }

        /**
         * Every activity Teams sends has an id of its own, and the bot handles each message id once: a fixture loaded
         * or given new text or value is a new activity. Sending the same one again is a redelivery.
         */
        private void newId() {
            json.put("id", "1" + Long.toString(IDS.incrementAndGet()) + System.nanoTime() % 1_000_000);
        }

        /** The same thing done again (a second click, the same text typed again): a new activity, a new id. */
        public Activity again() {
            newId();
            return this;
        }

        public Activity serviceUrl(String url) {
            json.put("serviceUrl", url);
            return this;
        }

        public Activity text(String text) {
            json.put("text", text);
            newId();
            return this;
        }

        /** Sets the tenant wherever the fixture carries it (channel data, conversation). */
        public Activity tenant(String tenantId) {
            JsonNode channelData = json.path("channelData");
            if (channelData.isObject()) {
                ((ObjectNode) channelData).putObject("tenant").put("id", tenantId);
            }
            JsonNode conversation = json.path("conversation");
            if (conversation.isObject() && conversation.has("tenantId")) {
                ((ObjectNode) conversation).put("tenantId", tenantId);
            }
            return this;
        }

        public Activity value(Map<String, ?> value) {
            json.set("value", JSON.valueToTree(value));
            newId();
            return this;
        }

        /** For an adaptiveCard/action invoke: the Action.Execute's verb and data. */
        public Activity actionData(String verb, Map<String, ?> data) {
            ObjectNode action = (ObjectNode) json.path("value").path("action");
            action.put("verb", verb);
            action.set("data", JSON.valueToTree(data));
            return this;
        }

        public Activity replyToId(String id) {
            json.put("replyToId", id);
            return this;
        }

        public Activity set(String field, String value) {
            json.put(field, value);
            return this;
        }

        /** Leaves a field out, e.g. the {@code text} of a card submission, which Teams sends without one. */
        public Activity without(String field) {
            json.remove(field);
            return this;
        }

        /** Another person sends it: Teams user id, display name and Entra object id (null leaves it out). */
        public Activity from(String teamsUserId, String name, String aadObjectId) {
            ObjectNode from = json.putObject("from");
            from.put("id", teamsUserId);
            from.put("name", name);
            if (aadObjectId != null) {
                from.put("aadObjectId", aadObjectId);
            }
            return this;
        }

        /** Another conversation of the same kind, e.g. the 1:1 chat the bot created with a person. */
        public Activity conversationId(String id) {
            ((ObjectNode) json.path("conversation")).put("id", id);
            return this;
        }

        public ObjectNode json() {
            return json;
        }

        public String conversationId() {
            return json.path("conversation").path("id").asText();
        }

        public String userId() {
            return json.path("from").path("id").asText();
        }

        @Override
        public String toString() {
            return json.toString();
        }
    }
}
