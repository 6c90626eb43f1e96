package io.opsbot.core.okr;

import io.opsbot.core.audit.Actor;
import io.opsbot.core.audit.AuditLog;
import io.opsbot.core.conversation.UserError;
import io.opsbot.core.tenant.TenantRef;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Service;

import java.time.Clock;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A tenant's OKR cycles: which one runs today, starting or re-dating one, and the quarter made when none exists. */
@Service
public class OkrCycleService {

    private static final Pattern QUARTER = Pattern.compile("(\\d{4})-?Q([1-4])", Pattern.CASE_INSENSITIVE);
    private static final Pattern HALF = Pattern.compile("(\\d{4})-?H([12])", Pattern.CASE_INSENSITIVE);
    private static final Pattern YEAR = Pattern.compile("\\d{4}");
    private static final Pattern CYCLE_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9 ._-]{0,29}");

    private final OkrCycleRepository cycles;
    private final MongoTemplate mongo;
    private final OkrSettingsService settings;
    private final ApplicationEventPublisher events;
    private final AuditLog audit;
    private final Clock clock;

    public OkrCycleService(OkrCycleRepository cycles, MongoTemplate mongo, OkrSettingsService settings,
                           ApplicationEventPublisher events, AuditLog audit, Clock clock) {
        this.cycles = cycles;
        this.mongo = mongo;
        this.settings = settings;
        this.events = events;
        this.audit = audit;
        this.clock = clock;
    }

    public List<OkrCycle> cycles(TenantRef tenant) {
        return cycles.findByTenantOrderByStart(tenant);
    }

    public Optional<OkrCycle> cycle(String id) {
        return id == null ? Optional.empty() : cycles.findById(id);
    }

    /** Cycles that have not ended yet (today in the tenant's zone) and are not closed, earliest first. */
    public List<OkrCycle> openCycles(TenantRef tenant) {
        LocalDate today = settings.today(tenant);
        return cycles(tenant).stream().filter(c -> !c.endedBefore(today) && !c.closed()).toList();
    }

    /** The ids of {@link #openCycles}. */
    public List<String> openCycleIds(TenantRef tenant) {
        return openCycles(tenant).stream().map(OkrCycle::getId).toList();
    }

    /** The cycle running today, else the next one to start. */
    public Optional<OkrCycle> currentCycle(TenantRef tenant) {
        LocalDate today = settings.today(tenant);
        List<OkrCycle> open = openCycles(tenant);
        return open.stream().filter(c -> c.covers(today)).max(Comparator.comparing(OkrCycle::getStart))
                .or(() -> open.stream().findFirst());
    }

    /**
     * The current cycle; when the tenant has none, this quarter's is created. A closed quarter is not reopened behind
     * the admins' back: they are asked to start the next cycle, or to reopen this one themselves.
     */
    public OkrCycle currentOrNewCycle(TenantRef tenant) {
        return currentCycle(tenant).orElseGet(() -> {
            LocalDate today = settings.today(tenant);
            String name = today.getYear() + "-Q" + ((today.getMonthValue() - 1) / 3 + 1);
            cycles.findByTenantAndName(tenant, name).filter(OkrCycle::closed).ifPresent(closed -> {
                LocalDate next = quarterStart(today).plusMonths(3);
                throw new UserError("Cycle " + name + " is closed and no other cycle is open, so there is nowhere "
                        + "to add this. An admin can start the next one (okr cycle " + next.getYear() + "-Q"
                        + ((next.getMonthValue() - 1) / 3 + 1) + ") or reopen " + name + " (okr cycle " + name
                        + ").");
            });
            return upsert(tenant, name, quarterStart(today), quarterStart(today).plusMonths(3).minusDays(1));
        });
    }

    /**
     * Creates or re-dates a cycle: {@code 2027-Q1}, {@code 2027-H2} and {@code 2027} get their calendar dates, any
     * other name needs explicit dates ({@code from} and {@code to} both given or both null).
     */
    public OkrCycle startCycle(Actor by, String name, LocalDate from, LocalDate to) {
        TenantRef tenant = by.user().tenant();
        String clean = name == null ? "" : name.strip();
        if (!CYCLE_NAME.matcher(clean).matches()) {
            throw new UserError("Name the cycle like 2027-Q1 (letters, digits, dashes; up to 30 characters).");
        }
        LocalDate start;
        LocalDate end;
        if (from != null) {
            if (to == null) {
                throw new UserError("Give the end date too, e.g. cycle " + clean + " " + from + " "
                        + from.plusMonths(3).minusDays(1) + ".");
            }
            start = from;
            end = to;
        } else {
            Matcher q = QUARTER.matcher(clean);
            Matcher h = HALF.matcher(clean);
            if (q.matches()) {
                start = LocalDate.of(Integer.parseInt(q.group(1)), (Integer.parseInt(q.group(2)) - 1) * 3 + 1, 1);
                end = start.plusMonths(3).minusDays(1);
            } else if (h.matches()) {
                start = LocalDate.of(Integer.parseInt(h.group(1)), h.group(2).equals("1") ? 1 : 7, 1);
                end = start.plusMonths(6).minusDays(1);
            } else if (YEAR.matcher(clean).matches()) {
                start = LocalDate.of(Integer.parseInt(clean), 1, 1);
                end = start.plusYears(1).minusDays(1);
            } else {
                throw new UserError("Give the dates of " + clean + ", e.g. cycle " + clean
                        + " 2027-01-01 2027-03-31 (or name it like 2027-Q1).");
            }
            clean = clean.toUpperCase(Locale.ROOT);
        }
        if (!end.isAfter(start)) {
            throw new UserError("The cycle must end after it starts.");
        }
        String before = cycles.findByTenantAndName(tenant, clean).map(OkrCycle::dates).orElse(null);
        OkrCycle cycle = upsert(tenant, clean, start, end);
        events.publishEvent(new OkrScheduleChanged(tenant));
        audit.record(by, "okr.cycle", cycle.getName(), before, cycle.dates());
        return cycle;
    }

    /**
     * Closes (archives) a cycle: its key results are no longer asked about, and reports and digests move on to the
     * next cycle. Its objectives, key results and check-ins stay, as history.
     */
    public OkrCycle closeCycle(Actor by, String name) {
        TenantRef tenant = by.user().tenant();
        String clean = name == null ? "" : name.strip();
        OkrCycle cycle = cycles(tenant).stream().filter(c -> c.getName().equalsIgnoreCase(clean)).findFirst()
                .orElseThrow(() -> new UserError("There is no cycle " + clean + ". Cycles: " + cycles(tenant).stream()
                        .map(OkrCycle::getName).reduce((a, b) -> a + ", " + b).orElse("none yet") + "."));
        if (cycle.closed()) {
            throw new UserError("Cycle " + cycle.getName() + " is already closed.");
        }
        OkrCycle closed = mongo.findAndModify(Query.query(Criteria.where("_id").is(cycle.getId())),
                new Update().set("closedAt", clock.instant()), FindAndModifyOptions.options().returnNew(true),
                OkrCycle.class);
        events.publishEvent(new OkrScheduleChanged(tenant));
        audit.record(by, "okr.cycle-close", cycle.getName(), "open", "closed");
        return closed;
    }

    private OkrCycle upsert(TenantRef tenant, String name, LocalDate start, LocalDate end) {
        Query byName = Query.query(Criteria.where("tenant").is(tenant).and("name").is(name));
        try {
            // Starting a closed cycle again reopens it.
            return mongo.findAndModify(byName, new Update().set("start", start).set("end", end).unset("closedAt")
                            .setOnInsert("createdAt", clock.instant()),
                    FindAndModifyOptions.options().upsert(true).returnNew(true), OkrCycle.class);
        } catch (DuplicateKeyException raced) {
            return cycles.findByTenantAndName(tenant, name).orElseThrow();
        }
    }

    private static LocalDate quarterStart(LocalDate day) {
        return LocalDate.of(day.getYear(), ((day.getMonthValue() - 1) / 3) * 3 + 1, 1);
    }
}
