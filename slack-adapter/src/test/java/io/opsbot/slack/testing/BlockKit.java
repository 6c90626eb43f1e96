package io.opsbot.slack.testing;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

/** Finds things in the Block Kit JSON the bot sends: a button by its label, a block by its id. */
public final class BlockKit {

    private BlockKit() {
    }

    /** The button labelled so in any {@code actions} block; fails the test if there is none. */
    public static JsonObject button(JsonArray blocks, String label) {
        for (JsonElement block : blocks) {
            JsonObject b = block.getAsJsonObject();
            if ("actions".equals(b.get("type").getAsString())) {
                for (JsonElement element : b.getAsJsonArray("elements")) {
                    JsonObject button = element.getAsJsonObject();
                    if (button.getAsJsonObject("text").get("text").getAsString().equals(label)) {
                        return button;
                    }
                }
            }
        }
        throw new AssertionError("no button " + label + " in " + blocks);
    }

    /** The button labelled so in the blocks of a message the bot posted. */
    public static JsonObject button(FakeSlackApi.Call posted, String label) {
        return button(posted.jsonParam("blocks").getAsJsonArray(), label);
    }

    /** The block of a view (a modal) with this block id; fails the test if there is none. */
    public static JsonObject block(JsonObject view, String blockId) {
        for (JsonElement block : view.getAsJsonArray("blocks")) {
            JsonObject b = block.getAsJsonObject();
            if (b.has("block_id") && b.get("block_id").getAsString().equals(blockId)) {
                return b;
            }
        }
        throw new AssertionError("no block " + blockId + " in " + view);
    }
}
