package io.opsbot.core.dialog;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

import java.time.Instant;

/**
 * Which dialog a person is answering now: one document per person, claimed atomically, so two rituals (or two
 * instances) starting at the same moment cannot both make a dialog active, and finding someone's current dialog is a
 * lookup by id rather than a search.
 */
@Document("dialog_heads")
class DialogHead {

    @Id
    private String id;
    private String active;
    private Instant activeUntil;

    protected DialogHead() {
    }

    String getId() {
        return id;
    }

    String getActive() {
        return active;
    }

    Instant getActiveUntil() {
        return activeUntil;
    }
}
