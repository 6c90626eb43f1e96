package io.opsbot.core.retention;

import io.opsbot.core.audit.AuditLog;
import io.opsbot.core.conversation.Invoker;
import io.opsbot.core.conversation.UserError;
import io.opsbot.core.message.Button;
import io.opsbot.core.message.ButtonValue;
import io.opsbot.core.message.Markup;
import io.opsbot.core.message.Message;
import io.opsbot.core.tenant.TenantRef;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Service;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * An admin deleting everything the bot keeps about their workspace (or Microsoft 365 organisation), in two steps: the
 * command asks, with what it deletes, and only the "Delete everything" button of that question, clicked by an admin of
 * the same tenant within a few minutes, deletes. The app stays installed and works on, with nothing remembered.
 */
@Service
public class DataDeletion {

    private static final Logger log = LoggerFactory.getLogger(DataDeletion.class);
    /** The subcommand of {@code /opsbot} that asks. */
    public static final String COMMAND = "delete-workspace-data";
    /** What deleting needs the admin role for, as a refusal says it. */
    public static final String WHAT = "delete its data";
    public static final String DELETE = "retention.delete";
    public static final String KEEP = "retention.keep";
    /** The audit log's name for a confirmed deletion. */
    public static final String AUDITED = "workspace.delete-data";
    static final Duration CONFIRM_WITHIN = Duration.ofMinutes(10);

    private final MongoTemplate mongo;
    private final TenantData data;
    private final AuditLog audit;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    public DataDeletion(MongoTemplate mongo, TenantData data, AuditLog audit, Clock clock) {
        this.mongo = mongo;
        this.data = data;
        this.audit = audit;
        this.clock = clock;
    }

    /** The question, with its two buttons; nothing is deleted yet. */
    public Message ask(Invoker admin) {
        byte[] nonce = new byte[16];
        random.nextBytes(nonce);
        String id = HexFormat.of().formatHex(nonce);
        mongo.insert(new DeletionRequest(id, admin.user(), clock.instant().plus(CONFIRM_WITHIN)));
        String noun = admin.platform().tenantNoun();
        return Message.builder("Delete all of this " + noun + "'s data?")
                .header("Delete all of this " + noun + "'s data?")
                .section(Markup.builder().text("This deletes everything Product Ops Bot keeps about this " + noun
                        + ": feedback items, standups and their answers, OKRs and check-ins, onboarding runs and "
                        + "tracks, trainings, announcements, time off, settings and roles. ")
                        .bold("It cannot be undone.").text(" The bot stays installed and starts again from nothing.")
                        .build())
                .context(Markup.plain("An admin can confirm it within " + CONFIRM_WITHIN.toMinutes() + " minutes."))
                .buttons(List.of(Button.danger(DELETE, "Delete everything", ButtonValue.of(id)),
                        Button.of(KEEP, "Keep it", ButtonValue.of(id))))
                .build();
    }

    /** The confirmation: deletes, and says how much went. */
    public Message confirm(Invoker admin, String requestId) {
        if (!take(admin, requestId)) {
            throw new UserError("That confirmation is no longer valid. Run the command again to delete this "
                    + admin.platform().tenantNoun() + "'s data.");
        }
        TenantRef tenant = admin.tenant();
        log.info("{} confirmed deleting the data of {}", admin.user(), tenant);
        Map<String, Long> deleted = data.erase(tenant, false);
        long total = deleted.values().stream().mapToLong(Long::longValue).sum();
        // Recorded after the erase, so the one entry left says who emptied the log and when.
        audit.record(admin.actor(), AUDITED, tenant.platform().tenantNoun() + " data", null, total + " records");
        String detail = deleted.entrySet().stream().map(e -> e.getKey() + " " + e.getValue())
                .collect(Collectors.joining(", "));
        return Message.builder("Deleted this " + tenant.platform().tenantNoun() + "'s data")
                .section(Markup.builder().text("🗑️ Deleted all of this " + tenant.platform().tenantNoun()
                        + "'s data: " + total + " records").text(total == 0 ? "." : " (" + detail + ").").build())
                .build();
    }

    /** "Keep it": the question is withdrawn. */
    public Message keep(Invoker admin, String requestId) {
        take(admin, requestId);
        return Message.text("Nothing was deleted.");
    }

    /** Uses the request up: true once, for an admin of its tenant, before it expires. */
    private boolean take(Invoker admin, String requestId) {
        return mongo.findAndRemove(Query.query(Criteria.where("_id").is(requestId).and("tenant").is(admin.tenant())
                .and("expiresAt").gt(clock.instant())), DeletionRequest.class) != null;
    }
}
