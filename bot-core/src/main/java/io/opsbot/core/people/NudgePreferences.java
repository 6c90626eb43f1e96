package io.opsbot.core.people;

import io.opsbot.core.storage.Lookups;
import io.opsbot.core.tenant.UserRef;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Service;

import java.time.Clock;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Each person's say over a ritual's nudges: reminders off, and a pause after prompts ignored in a row (users of the
 * products we replace complain of reminders that cannot be turned down). Counting is one atomic update per prompt, so
 * two instances closing the same day count it once each person's way.
 */
@Service
public class NudgePreferences {

    private final MongoTemplate mongo;
    private final Clock clock;

    public NudgePreferences(MongoTemplate mongo, Clock clock) {
        this.mongo = mongo;
        this.clock = clock;
    }

    public NudgePreference of(UserRef user, String ritual) {
        return Optional.ofNullable(mongo.findById(NudgePreference.id(user, ritual), NudgePreference.class))
                .orElse(NudgePreference.defaults(user, ritual));
    }

    /** {@link #of} for many people (a standup's prompts), in one read by id; every one of them is in the map. */
    public Map<UserRef, NudgePreference> of(Collection<UserRef> users, String ritual) {
        Map<String, NudgePreference> byId = Lookups.byIds(mongo, users.stream().map(u -> NudgePreference.id(u, ritual))
                .toList(), NudgePreference.class, NudgePreference::id);
        Map<UserRef, NudgePreference> all = new HashMap<>();
        users.forEach(u -> all.put(u, Optional.ofNullable(byId.get(NudgePreference.id(u, ritual)))
                .orElse(NudgePreference.defaults(u, ritual))));
        return all;
    }

    public void setReminders(UserRef user, String ritual, boolean on) {
        upsert(user, ritual, new Update().set("remindersOff", !on));
    }

    /** After how many ignored prompts in a row to stop asking; 0 never stops. */
    public void setPauseAfter(UserRef user, String ritual, int prompts) {
        upsert(user, ritual, new Update().set("pauseAfter", prompts));
    }

    /** Asked again from now on, the count starting afresh. */
    public boolean resume(UserRef user, String ritual) {
        boolean wasPaused = of(user, ritual).paused();
        upsert(user, ritual, new Update().set("ignoredInARow", 0).unset("pausedAt"));
        return wasPaused;
    }

    public void answered(UserRef user, String ritual) {
        mongo.updateFirst(Query.query(Criteria.where("_id").is(NudgePreference.id(user, ritual))
                .and("ignoredInARow").gt(0)), new Update().set("ignoredInARow", 0), NudgePreference.class);
    }

    /** One more prompt went unanswered; true when that pauses the person (exactly once, by the update that does). */
    public boolean ignored(UserRef user, String ritual) {
        NudgePreference now = mongo.findAndModify(query(user, ritual), new Update().inc("ignoredInARow", 1)
                        .setOnInsert("user", user).setOnInsert("ritual", ritual).setOnInsert("remindersOff", false),
                FindAndModifyOptions.options().upsert(true).returnNew(true), NudgePreference.class);
        if (now == null || now.paused() || now.pauseAfterOrDefault() <= 0
                || now.ignoredInARow() < now.pauseAfterOrDefault()) {
            return false;
        }
        return mongo.updateFirst(query(user, ritual).addCriteria(Criteria.where("pausedAt").is(null)),
                new Update().set("pausedAt", clock.instant()), NudgePreference.class).getModifiedCount() == 1;
    }

    private void upsert(UserRef user, String ritual, Update update) {
        update.setOnInsert("user", user).setOnInsert("ritual", ritual);
        // Every field the record needs is there from the first write, whichever setting came first.
        if (!update.modifies("remindersOff")) {
            update.setOnInsert("remindersOff", false);
        }
        if (!update.modifies("ignoredInARow")) {
            update.setOnInsert("ignoredInARow", 0);
        }
        mongo.upsert(query(user, ritual), update, NudgePreference.class);
    }

    private static Query query(UserRef user, String ritual) {
        return Query.query(Criteria.where("_id").is(NudgePreference.id(user, ritual)));
    }
}
