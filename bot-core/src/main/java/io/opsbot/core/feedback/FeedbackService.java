package io.opsbot.core.feedback;

import io.opsbot.core.audit.AuditLog;
import io.opsbot.core.conversation.Drafts;
import io.opsbot.core.conversation.InputError;
import io.opsbot.core.conversation.Invoker;
import io.opsbot.core.conversation.UserError;
import io.opsbot.core.ratelimit.PersonRateLimit;
import io.opsbot.core.reference.Reference;
import io.opsbot.core.sequence.SequenceService;
import io.opsbot.core.settings.TenantSettingsService;
import io.opsbot.core.tenant.TenantRef;
import io.opsbot.core.tenant.UserRef;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Service;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Captures feedback, lists it, and moves it through its statuses. The item is always saved before anything is sent. */
@Service
public class FeedbackService {

    private final FeedbackRepository repository;
    private final MongoTemplate mongo;
    private final SequenceService sequences;
    private final TenantSettingsService settings;
    private final FeedbackTriage triage;
    private final FeedbackNotifier notifier;
    private final Drafts drafts;
    private final PersonRateLimit rateLimit;
    private final AuditLog audit;
    private final Clock clock;

    public FeedbackService(FeedbackRepository repository, MongoTemplate mongo, SequenceService sequences,
                           TenantSettingsService settings, FeedbackTriage triage, FeedbackNotifier notifier,
                           Drafts drafts, PersonRateLimit rateLimit, AuditLog audit, Clock clock) {
        this.audit = audit;
        this.rateLimit = rateLimit;
        this.repository = repository;
        this.mongo = mongo;
        this.sequences = sequences;
        this.settings = settings;
        this.triage = triage;
        this.notifier = notifier;
        this.drafts = drafts;
        this.clock = clock;
    }

    public FeedbackItem capture(Invoker reporter, FeedbackDraft draft, FeedbackSource source) {
        FeedbackDraft checked = check(reporter.tenant(), draft);
        rateLimit.checkCreate(reporter.user());
        TenantRef tenant = reporter.tenant();
        long number = sequences.next("feedback:" + tenant.key());
        FeedbackItem item = repository.insert(new FeedbackItem(tenant, number, reporter.user(),
                reporter.displayName(), checked, source, clock.instant()));
        triage.publish(item);
        return item;
    }

    public List<FeedbackItem> recentByReporter(UserRef reporter) {
        return repository.findTop5ByReporterOrderByCreatedAtDesc(reporter);
    }

    public List<FeedbackItem> recentInTenant(TenantRef tenant) {
        return repository.findTop10ByTenantOrderByCreatedAtDesc(tenant);
    }

    /** Finds an item by its number, {@code FB-12}, only within the given tenant. */
    public Optional<FeedbackItem> find(TenantRef tenant, Reference reference) {
        return reference.is(FeedbackItem.KIND) ? repository.findByTenantAndNumber(tenant, reference.number())
                : Optional.empty();
    }

    /**
     * Moves an item to a new status, records who did it, and tells the reporter. Only people of the item's own tenant
     * can change it. {@code refreshTriageCard} is false when the caller replaces the card itself (a button click).
     */
    public FeedbackItem changeStatus(Invoker actor, String itemId, FeedbackStatus to, boolean refreshTriageCard) {
        FeedbackItem item = repository.findById(itemId)
                .filter(found -> found.getTenant().equals(actor.tenant()))
                .orElseThrow(() -> new UserError("That feedback item no longer exists."));
        if (item.getStatus() == to) {
            return item;
        }
        Instant now = clock.instant();
        StatusChange change = new StatusChange(item.getStatus(), to, actor.user(), actor.displayName(), now);
        // A targeted update, so a triage delivery finishing at the same moment is not overwritten.
        FeedbackItem updated = mongo.findAndModify(
                Query.query(Criteria.where("_id").is(itemId).and("status").is(item.getStatus())),
                new Update().set("status", to).set("updatedAt", now).push("history", change),
                FindAndModifyOptions.options().returnNew(true), FeedbackItem.class);
        if (updated == null) {
            throw new UserError("Someone changed " + item.reference() + " at the same moment; please look again.");
        }
        audit.record(actor.actor(), "feedback.status", item.reference().toString(), item.getStatus().label(),
                to.label());
        if (refreshTriageCard) {
            triage.refresh(updated);
        }
        notifier.statusChanged(updated, actor);
        return updated;
    }

    private FeedbackDraft check(TenantRef tenant, FeedbackDraft draft) {
        drafts.check(draft);
        String summary = draft.summary().strip();
        String area = draft.area() == null ? null : draft.area().toLowerCase(Locale.ROOT);
        List<String> areas = settings.feedbackAreas(tenant);
        if (area != null && !areas.contains(area)) {
            throw new InputError("area", "#" + area + " is not a product area here. Known areas: #"
                    + String.join(", #", areas) + ".");
        }
        String link = draft.link() == null || draft.link().isBlank() ? null : draft.link().strip();
        if (link != null && !isWebLink(link)) {
            throw new InputError("link", "The link must start with https:// or http://.");
        }
        return new FeedbackDraft(summary, blankToNull(draft.details()), draft.type(), area,
                blankToNull(draft.customer()), draft.impact(), link);
    }

    static boolean isWebLink(String link) {
        try {
            URI uri = URI.create(link);
            return ("https".equalsIgnoreCase(uri.getScheme()) || "http".equalsIgnoreCase(uri.getScheme()))
                    && uri.getHost() != null;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
