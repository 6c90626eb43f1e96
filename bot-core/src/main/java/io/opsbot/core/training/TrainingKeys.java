package io.opsbot.core.training;

import io.opsbot.core.tenant.UserRef;

/** Outbox keys of trainings and announcements: one message per (training or announcement, person, kind). */
final class TrainingKeys {

    private TrainingKeys() {
    }

    static String key(String id, UserRef person, String kind) {
        return id + ":" + person.userId() + ":" + kind;
    }

    /** The organizer's card listing the answers, edited in place as people answer. */
    static String organizerKey(String id) {
        return id + ":organizer";
    }
}
