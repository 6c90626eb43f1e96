package io.opsbot.core.launch;

import io.opsbot.core.conversation.UserError;
import io.opsbot.core.tenant.UserRef;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Service;

import java.time.Clock;
import java.util.UUID;

/** Launch announcements prepared for someone to send ("Announce this launch"), found again by the button's id. */
@Service
public class LaunchDrafts {

    /** The button that opens the announce form with a prepared launch; training handles it. */
    public static final String ANNOUNCE_ACTION = "launch.announce";

    private final MongoTemplate mongo;
    private final Clock clock;

    public LaunchDrafts(MongoTemplate mongo, Clock clock) {
        this.mongo = mongo;
        this.clock = clock;
    }

    /** Stores it under {@code id} (a key that says what it is for, so a repeat stores nothing new). */
    public LaunchDraft prepare(String id, UserRef preparedFor, String title, String text, String link) {
        LaunchDraft draft = new LaunchDraft(id, preparedFor.tenant(), preparedFor, title, text, link,
                clock.instant());
        mongo.save(draft);
        return draft;
    }

    /** The draft, only for the person it was prepared for. */
    public LaunchDraft open(String id, UserRef person) {
        LaunchDraft draft = mongo.findById(id, LaunchDraft.class);
        if (draft == null) {
            throw new UserError("That launch is no longer waiting to be announced.");
        }
        if (!draft.preparedFor().equals(person)) {
            throw new UserError("This launch was prepared for someone else to announce.");
        }
        return draft;
    }

    public static String id(String seed) {
        return UUID.nameUUIDFromBytes(seed.getBytes(java.nio.charset.StandardCharsets.UTF_8)).toString();
    }
}
