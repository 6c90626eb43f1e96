package io.opsbot.app.embedded;

import java.nio.file.Path;

/**
 * The embedded database belongs to exactly one bot process: it lives inside that process and listens on loopback
 * only. These are the explanations given when a second instance tries to share it, with what to do instead.
 */
final class SingleInstance {

    static final String HOW_TO_SCALE = "The embedded database serves one instance only. To run more than one "
            + "instance, give every instance the same MongoDB replica set: SPRING_MONGODB_URI=mongodb://host1,host2,"
            + "host3/opsbot?replicaSet=rs0 (see README, \"Run in production\").";

    private SingleInstance() {
    }

    static String fileInUse(Path file) {
        return "The embedded database " + file + " is in use by another Product Ops Bot process. Stop that one "
                + "first, or give this one its own OPSBOT_DATA_DIR. " + HOW_TO_SCALE;
    }

    static String uriIsEmbedded(String host, String owner) {
        return "SPRING_MONGODB_URI points at " + host + ", the embedded database of another Product Ops Bot ("
                + owner + "). Refusing to start a second instance on it. " + HOW_TO_SCALE;
    }
}
