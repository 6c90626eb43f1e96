package io.opsbot.core.standup;

import io.opsbot.core.tenant.TenantRef;
import io.opsbot.core.tenant.UserRef;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

/**
 * Standup days as the standup run leaves them (a run, each person's attendance, their answers), written straight to
 * the database so a report can be read over weeks without driving weeks of prompts.
 */
public final class StandupFixture {

    private final MongoTemplate mongo;

    public StandupFixture(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    public Standup standup(TenantRef tenant, String name, UserRef manager, List<UserRef> participants,
                           Instant now) {
        Standup standup = new Standup(tenant, name, manager, now);
        standup.setParticipants(participants);
        return mongo.insert(standup);
    }

    /** One day: {@code answers} null for someone who did not answer (missed), else their answers in order. */
    public void day(Standup standup, LocalDate date, UserRef person, String name, List<String> answers) {
        Instant prompt = date.atTime(9, 0).toInstant(ZoneOffset.UTC);
        StandupRun run = mongo.findOne(Query.query(Criteria.where("standupId").is(standup.getId()).and("date")
                .is(date)), StandupRun.class);
        if (run == null) {
            run = mongo.insert(new StandupRun(standup, date, prompt));
        }
        Attendance attendance = mongo.insert(new Attendance(run, person, name, "UTC",
                answers == null ? AttendanceStatus.MISSED : AttendanceStatus.ANSWERED, null, prompt,
                prompt.plusSeconds(4 * 3600)));
        if (answers != null) {
            mongo.updateFirst(Query.query(Criteria.where("_id").is(attendance.getId())),
                    new Update().set("answers", answers).set("submittedAt", prompt.plusSeconds(600)),
                    Attendance.class);
        }
    }
}
