package io.opsbot.core.audit;

import io.opsbot.core.message.Texts;
import io.opsbot.core.tenant.TenantRef;
import io.opsbot.core.tenant.UserRef;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Service;

import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The one way changes reach the audit log. Services that change shared data call {@link #record} once the change is
 * made, so a refused or failed change leaves no entry. Values are kept as short text with anything that looks like a
 * credential blanked out: the log says what changed, never a secret.
 */
@Service
public class AuditLog {

    /** Longest value or subject kept; the log is for reading, not for restoring. */
    static final int VALUE_LIMIT = 300;
    private static final Logger log = LoggerFactory.getLogger(AuditLog.class);
    /** Slack tokens, JWTs, and key=value pairs naming a secret, wherever they appear in a value. */
    private static final Pattern SECRET = Pattern.compile("xox[a-z]-[A-Za-z0-9-]+|xapp-[A-Za-z0-9-]+"
            + "|eyJ[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]*"
            + "|(?i)(?:password|secret|token|api[_-]?key)\\s*[=:]\\s*\\S+");

    private final MongoTemplate mongo;
    private final Clock clock;

    public AuditLog(MongoTemplate mongo, Clock clock) {
        this.mongo = mongo;
        this.clock = clock;
    }

    /** A change from {@code before} to {@code after} (either may be null: created, deleted, or no value). */
    public void record(Actor actor, String action, String subject, Object before, Object after) {
        append(actor, action, subject, null, before, after);
    }

    /** Something done to {@code subject} with no value to compare (created, deleted, run). */
    public void record(Actor actor, String action, String subject) {
        record(actor, action, subject, null, null);
    }

    /** A change about a person (a role given or taken, their onboarding started): they are its subject. */
    public void recordAbout(Actor actor, String action, UserRef person, Object before, Object after) {
        append(actor, action, person.userId(), person, before, after);
    }

    private void append(Actor actor, String action, String subject, UserRef person, Object before, Object after) {
        Objects.requireNonNull(actor, "actor");
        if (action == null || !action.matches("[a-z]+(\\.[a-z-]+)+")) {
            throw new IllegalArgumentException("an action is a dotted key such as feedback.status: " + action);
        }
        AuditEntry entry = new AuditEntry(actor, clock.instant(), action, clean(subject), person, clean(before),
                clean(after));
        try {
            mongo.insert(entry);
        } catch (DataAccessException e) {
            // The change itself is made; failing the person now would only make them retry it.
            log.error("Could not write the audit entry {} {} by {}", action, entry.getSubject(), actor.user(), e);
        }
    }

    /** A page of a tenant's log, newest first; pages count from 1. */
    public Page page(TenantRef tenant, int page, int size) {
        if (page < 1 || size < 1) {
            throw new IllegalArgumentException("pages count from 1");
        }
        Query query = Query.query(Criteria.where("tenant").is(tenant));
        long total = mongo.count(query, AuditEntry.class);
        List<AuditEntry> entries = mongo.find(query.with(Sort.by(Sort.Order.desc("at"), Sort.Order.desc("_id")))
                .skip((long) (page - 1) * size).limit(size), AuditEntry.class);
        return new Page(entries, page, (int) Math.max(1, (total + size - 1) / size), total);
    }

    /** One page of entries, and where it is among them all. */
    public record Page(List<AuditEntry> entries, int page, int pages, long total) {
        public Page {
            entries = List.copyOf(entries);
        }
    }

    static String clean(Object value) {
        if (value == null) {
            return null;
        }
        String text = SECRET.matcher(String.valueOf(value)).replaceAll("[hidden]");
        return Texts.cut(text, VALUE_LIMIT);
    }
}
