package io.opsbot.core.feedback;

import io.opsbot.core.audit.Actor;
import io.opsbot.core.audit.AuditLog;
import io.opsbot.core.conversation.Drafts;
import io.opsbot.core.conversation.InputError;
import io.opsbot.core.conversation.Invoker;
import io.opsbot.core.conversation.UserError;
import io.opsbot.core.gateway.Destination;
import io.opsbot.core.ratelimit.PersonRateLimit;
import io.opsbot.core.reference.Reference;
import io.opsbot.core.sequence.SequenceService;
import io.opsbot.core.settings.TenantSettingsService;
import io.opsbot.core.storage.Unjournaled;
import io.opsbot.core.tenant.TenantRef;
import io.opsbot.core.tenant.UserRef;
import io.opsbot.core.people.ProfileService;
import org.bson.types.ObjectId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Service;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Captures feedback, lists and finds it, and triages it: statuses, owner, area, votes, merges. The item is always
 * saved before anything is sent; every change is one targeted, atomic update (two people voting or triaging at once
 * never overwrite each other), is announced to the search index, and redraws the triage card through the outbox.
 */
@Service
public class FeedbackService {

    private static final Logger log = LoggerFactory.getLogger(FeedbackService.class);
    /** An item this young may still be in the middle of being published by its request. */
    static final Duration PENDING_GRACE = Duration.ofSeconds(30);
    /** Longest customer or account name a vote carries. */
    static final int CUSTOMER_LIMIT = 200;
    /** Longest release note a status change carries to the people told. */
    static final int NOTE_LIMIT = 1500;
    /** Items loaded by id per query. */
    static final int LOAD_SLICE = 1_000;

    private final FeedbackRepository repository;
    private final MongoTemplate mongo;
    private final SequenceService sequences;
    private final TenantSettingsService settings;
    private final FeedbackTriage triage;
    private final FeedbackNotifier notifier;
    private final Drafts drafts;
    private final PersonRateLimit rateLimit;
    private final FeedbackSearch search;
    private final ProfileService profiles;
    private final AuditLog audit;
    private final Clock clock;
    private final PendingTriagePosts pendingPosts;

    /** How many of a person's own items {@code feedback list} and the home show. */
    static final int RECENT_BY_REPORTER = 5;

    public FeedbackService(FeedbackRepository repository, MongoTemplate mongo, SequenceService sequences,
                           TenantSettingsService settings, FeedbackTriage triage, FeedbackNotifier notifier,
                           Drafts drafts, PersonRateLimit rateLimit, FeedbackSearch search, ProfileService profiles,
                           AuditLog audit, Clock clock, PendingTriagePosts pendingPosts) {
        this.pendingPosts = pendingPosts;
        this.audit = audit;
        this.rateLimit = rateLimit;
        this.search = search;
        this.profiles = profiles;
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
        return capture(reporter, draft, source, null);
    }

    /** A capture from a message ("Save as feedback"): {@code thread} is told when the item ships or is declined. */
    public FeedbackItem capture(Invoker reporter, FeedbackDraft draft, FeedbackSource source,
                                Destination.Channel thread) {
        if (thread != null && !thread.tenant().equals(reporter.tenant())) {
            thread = null;
        }
        FeedbackDraft checked = check(reporter.tenant(), draft);
        rateLimit.checkCreate(reporter.user());
        TenantRef tenant = reporter.tenant();
        DuplicateHint hint = likelyDuplicate(tenant, checked);
        long number = sequences.next(numberKey(tenant));
        Instant now = clock.instant();
        // In a tenant without a triage channel the item is saved waiting for one (posted when one is set): nothing to
        // mark or queue. Otherwise it is marked "post pending" before it is saved (the marker reaches the disk with the
        // item's insert): publishPending queues the post of an item whose queueing a crash or an outage lost.
        boolean waitsForChannel = !triage.hasChannel(tenant);
        String id = waitsForChannel ? new ObjectId().toHexString() : pendingPosts.mark(now);
        FeedbackItem item = repository.insert(new FeedbackItem(tenant, number, reporter.user(),
                reporter.displayName(), checked, source, now).withId(id).withDuplicateHint(hint)
                .withSourceThread(thread).withAwaitingTriageChannel(waitsForChannel));
        if (!waitsForChannel) {
            try {
                // Not waited on to reach the disk: the item is on disk marked "post pending".
                Unjournaled.write(() -> triage.publish(item));
                pendingPosts.done(id);
            } catch (DataAccessException e) {
                // The item is stored (with its pending post): it is saved, and its post goes out once the database is
                // back.
                log.warn("{} saved; its triage post waits for the database ({})", item.reference(), e.getMessage());
            }
        }
        search.changed(item);
        return item;
    }

    /** The counter that numbers a tenant's items (FB-1, FB-2...). */
    static String numberKey(TenantRef tenant) {
        return "feedback:" + tenant.key();
    }

    /**
     * Finishes what saving left open: an item is marked "post pending" ({@link PendingTriagePosts}), saved, and its
     * triage post queued right after; when the bot died or the database went away in between, the post is queued
     * here. The marks are read from their own small collection and the items by id, so this costs what is pending,
     * not what is stored. A mark whose item was never saved (the save failed) is dropped.
     */
    public int publishPending() {
        pendingPosts.adoptLegacyFlags(clock.instant());
        List<String> marked = pendingPosts.markedBefore(clock.instant().minus(PENDING_GRACE));
        if (marked.isEmpty()) {
            return 0;
        }
        int published = 0;
        for (FeedbackItem item : mongo.find(Query.query(Criteria.where("_id").in(marked)), FeedbackItem.class)) {
            if (!item.isAwaitingTriageChannel() && triage.delivery(item).isEmpty()) {
                triage.publish(item);
                published++;
            }
        }
        pendingPosts.done(marked);
        return published;
    }

    /** The open item that says most nearly the same, if any: a suggestion, so a failure never stops a capture. */
    private DuplicateHint likelyDuplicate(TenantRef tenant, FeedbackDraft draft) {
        try {
            String text = draft.details() == null ? draft.summary() : draft.summary() + "\n" + draft.details();
            return search.similar(tenant, text, 1).stream().findFirst().orElse(null);
        } catch (RuntimeException e) {
            log.warn("No duplicate suggestion for new feedback in {}: {}", tenant, e.toString());
            return null;
        }
    }

    /**
     * The person's five newest items. Looked up in the search index and then loaded by id: the embedded database
     * answers any query not by id by scanning the whole collection.
     */
    public List<FeedbackItem> recentByReporter(UserRef reporter) {
        return inOrder(reporter.tenant(), search.byReporter(reporter, RECENT_BY_REPORTER));
    }

    /** A page of the tenant's items, newest (highest number) first, and how many there are (index, then by id). */
    public Results recentInTenant(TenantRef tenant, int offset, int limit) {
        return search(tenant, FeedbackQuery.ALL, offset, limit);
    }

    /**
     * What {@code /feedback list} shows: the person's five newest items and the first page of the tenant's, from one
     * look at the index and one read by id (an item in both is read once).
     */
    public Recent recent(UserRef user, int page) {
        FeedbackSearch.Overview found = search.overview(user, RECENT_BY_REPORTER, page);
        Set<String> ids = new LinkedHashSet<>(found.reporters());
        ids.addAll(found.tenants().itemIds());
        Map<String, FeedbackItem> loaded = byId(user.tenant(), ids);
        return new Recent(inOrder(found.reporters(), loaded), new Results(inOrder(found.tenants().itemIds(), loaded),
                0, found.tenants().total(), found.tenants().exact()));
    }

    /** The person's newest items, and the first page of everyone's. */
    public record Recent(List<FeedbackItem> theirs, Results everyones) {
    }

    /** One page of items and where it is in the whole: {@code total} exactly, or at least when not {@code exact}. */
    public record Results(List<FeedbackItem> items, int offset, long total, boolean exact) {
        public boolean hasMore() {
            return offset + items.size() < total;
        }

        /** The total as shown: "1000+" when more matched than a search counts. */
        public String totalText() {
            return exact ? Long.toString(total) : FeedbackSearch.COUNTED + "+";
        }
    }

    /** A page of the items matching the query (Lucene over the tenant's feedback), best match first. */
    public Results search(TenantRef tenant, FeedbackQuery query, int offset, int limit) {
        FeedbackSearch.Page page = search.search(tenant, query, offset, limit);
        return new Results(inOrder(tenant, page.itemIds()), offset, page.total(), page.exact());
    }

    /** Every item matching the query, in search order: what an export holds. */
    public List<FeedbackItem> all(TenantRef tenant, FeedbackQuery query) {
        if (query.filtersNothing()) {
            return mongo.find(Query.query(Criteria.where("tenant").is(tenant))
                    .with(Sort.by(Sort.Direction.DESC, "number")), FeedbackItem.class);
        }
        List<String> ids = search.search(tenant, query, 0, Integer.MAX_VALUE).itemIds();
        List<FeedbackItem> items = new ArrayList<>(ids.size());
        // In slices, so each query stays small; only the matching items travel.
        for (int from = 0; from < ids.size(); from += LOAD_SLICE) {
            items.addAll(inOrder(tenant, ids.subList(from, Math.min(ids.size(), from + LOAD_SLICE))));
        }
        return items;
    }

    private List<FeedbackItem> inOrder(TenantRef tenant, List<String> ids) {
        return inOrder(ids, byId(tenant, ids));
    }

    private static List<FeedbackItem> inOrder(List<String> ids, Map<String, FeedbackItem> loaded) {
        return ids.stream().map(loaded::get).filter(Objects::nonNull).toList();
    }

    private Map<String, FeedbackItem> byId(TenantRef tenant, Collection<String> ids) {
        Map<String, FeedbackItem> byId = new HashMap<>();
        if (ids.isEmpty()) {
            return byId;
        }
        // By id alone, the tenant checked here: the embedded database scans the collection for any other filter.
        mongo.find(Query.query(Criteria.where("_id").in(ids)), FeedbackItem.class).stream()
                .filter(item -> item.getTenant().equals(tenant))
                .forEach(item -> byId.put(item.getId(), item));
        return byId;
    }

    /** The item with this id, only within the given tenant; a user error when it is not there. */
    public FeedbackItem get(TenantRef tenant, String itemId) {
        return repository.findById(itemId).filter(found -> found.getTenant().equals(tenant))
                .orElseThrow(() -> new UserError("That feedback item no longer exists."));
    }

    /** The item numbered so in the tenant; a user error naming it when there is none. */
    public FeedbackItem get(TenantRef tenant, Reference reference) {
        return find(tenant, reference).orElseThrow(() -> new UserError("There is no " + reference + " here."));
    }

    /** Finds an item by its number, {@code FB-12}, only within the given tenant. */
    public Optional<FeedbackItem> find(TenantRef tenant, Reference reference) {
        if (!reference.is(FeedbackItem.KIND)) {
            return Optional.empty();
        }
        // By the unique (tenant, number) index, on MongoDB and on the embedded database alike: one look-up, where
        // asking the search index first made it reopen after every change (a status change, then the next FB-n).
        return repository.findByTenantAndNumber(tenant, reference.number());
    }

    /**
     * Moves an item to a new status, records who did it, and tells the reporter (everyone who asked, when it ships
     * or is declined). Only people of the item's own tenant can change it. {@code refreshTriageCard} is false when the
     * caller replaces the card itself (a button click).
     */
    public FeedbackItem changeStatus(Invoker actor, String itemId, FeedbackStatus to, boolean refreshTriageCard) {
        return changeStatus(actor, itemId, to, null, refreshTriageCard);
    }

    /** As above, with what the product manager wants people to read (a release note), or null. */
    public FeedbackItem changeStatus(Invoker actor, String itemId, FeedbackStatus to, String note,
                                     boolean refreshTriageCard) {
        // An item of another tenant is refused by the overload below with the same words.
        return changeStatus(actor, repository.findById(itemId)
                .orElseThrow(() -> new UserError("That feedback item no longer exists.")), to, note, refreshTriageCard);
    }

    /**
     * As above, for an item the caller just read in the actor's tenant ({@code status FB-12}): not read again. The
     * update only applies if the item still has the status read, so a change made in between is not overwritten.
     */
    public FeedbackItem changeStatus(Invoker actor, FeedbackItem item, FeedbackStatus to, String note,
                                     boolean refreshTriageCard) {
        if (!item.getTenant().equals(actor.tenant())) {
            throw new UserError("That feedback item no longer exists.");
        }
        if (note != null && note.length() > NOTE_LIMIT) {
            throw new UserError("Keep the note under " + NOTE_LIMIT + " characters.");
        }
        if (item.getStatus() == to) {
            return item;
        }
        if (to == FeedbackStatus.DUPLICATE) {
            throw new UserError("To mark " + item.reference() + " as a duplicate, merge it into the item it repeats: "
                    + actor.platform().command("feedback") + " merge " + item.reference() + " into FB-12.");
        }
        if (item.getStatus() == FeedbackStatus.DUPLICATE) {
            throw new UserError(item.reference() + " was merged into " + item.duplicateOf() + "; change that one.");
        }
        FeedbackItem updated = moveStatus(item, to, actor.user(), actor.displayName());
        if (updated == null) {
            throw new UserError("Someone changed " + item.reference() + " at the same moment; please look again.");
        }
        audit.record(actor.actor(), "feedback.status", item.reference().toString(), item.getStatus().label(),
                to.label());
        if (refreshTriageCard) {
            triage.refresh(updated);
        }
        notifier.statusChanged(updated, actor.user(), actor.displayName(), note);
        return updated;
    }

    /**
     * A linked Jira issue or Trello card moved: the item follows (unless it was merged away or already there). The
     * change is recorded in the person who linked it's name, via the tracker. Null when nothing changed.
     */
    public FeedbackItem changeStatusFromTracker(FeedbackItem item, FeedbackStatus to) {
        TrackerLink link = item.getTrackerLink();
        if (link == null || item.getStatus() == to || item.getStatus() == FeedbackStatus.DUPLICATE) {
            return null;
        }
        String by = link.kind().label() + " (" + (link.kind() == TrackerKind.JIRA ? link.key() : link.title()) + ")";
        FeedbackItem updated = moveStatus(item, to, link.linkedBy(), by);
        if (updated == null) {
            return null;
        }
        audit.record(new Actor(link.linkedBy(), by, link.kind().name()), "feedback.status",
                item.reference().toString(), item.getStatus().label(), to.label());
        triage.refresh(updated);
        notifier.statusChanged(updated, null, by, null);
        return updated;
    }

    /** The status update itself, only if nobody moved the item meanwhile (null then). */
    private FeedbackItem moveStatus(FeedbackItem item, FeedbackStatus to, UserRef by, String byName) {
        Instant now = clock.instant();
        StatusChange change = new StatusChange(item.getStatus(), to, by, byName, now);
        // A targeted update, so a triage delivery finishing at the same moment is not overwritten.
        FeedbackItem updated = mongo.findAndModify(
                Query.query(Criteria.where("_id").is(item.getId()).and("status").is(item.getStatus())),
                new Update().set("status", to).set("updatedAt", now).push("history", change),
                FindAndModifyOptions.options().returnNew(true), FeedbackItem.class);
        if (updated != null) {
            search.changed(updated);
        }
        return updated;
    }

    /** Links the item to a Jira issue or Trello card (replacing an earlier link); the card shows it. */
    public FeedbackItem link(Invoker actor, String itemId, TrackerLink link) {
        FeedbackItem item = get(actor.tenant(), itemId);
        FeedbackItem updated = changed(mongo.findAndModify(Query.query(Criteria.where("_id").is(item.getId())),
                new Update().set("trackerLink", link).set("updatedAt", clock.instant()),
                FindAndModifyOptions.options().returnNew(true), FeedbackItem.class));
        audit.record(actor.actor(), "feedback.link", item.reference().toString(),
                item.getTrackerLink() == null ? null : item.getTrackerLink().url(), link.url());
        return updated;
    }

    /** The items of the tenant linked to this issue key or card id. */
    public List<FeedbackItem> linkedTo(TenantRef tenant, TrackerKind kind, String key) {
        return mongo.find(Query.query(Criteria.where("tenant").is(tenant).and("trackerLink.kind").is(kind)
                .and("trackerLink.key").is(key)), FeedbackItem.class);
    }

    /** Makes {@code owner} the item's owner (a triager's decision; the card shows them). */
    public FeedbackItem assign(Invoker actor, String itemId, UserRef owner) {
        FeedbackItem item = get(actor.tenant(), itemId);
        if (!owner.tenant().equals(actor.tenant())) {
            throw new UserError("The owner must be someone of this " + actor.platform().tenantNoun() + ".");
        }
        String name = owner.equals(actor.user()) ? actor.displayName() : profiles.displayName(owner);
        FeedbackItem updated = changed(mongo.findAndModify(Query.query(Criteria.where("_id").is(item.getId())),
                new Update().set("owner", owner).set("ownerName", name).set("updatedAt", clock.instant()),
                FindAndModifyOptions.options().returnNew(true), FeedbackItem.class));
        audit.record(actor.actor(), "feedback.owner", item.reference().toString(), item.getOwnerName(), name);
        return updated;
    }

    /** Moves the item to another of the tenant's product areas. */
    public FeedbackItem changeArea(Invoker actor, String itemId, String area) {
        FeedbackItem item = get(actor.tenant(), itemId);
        String wanted = (area.startsWith("#") ? area.substring(1) : area).toLowerCase(Locale.ROOT);
        List<String> areas = settings.feedbackAreas(actor.tenant());
        if (!areas.contains(wanted)) {
            throw new UserError("#" + wanted + " is not a product area here. Areas: #" + String.join(", #", areas)
                    + ".");
        }
        FeedbackItem updated = changed(mongo.findAndModify(Query.query(Criteria.where("_id").is(item.getId())),
                new Update().set("area", wanted).set("updatedAt", clock.instant()),
                FindAndModifyOptions.options().returnNew(true), FeedbackItem.class));
        audit.record(actor.actor(), "feedback.area", item.reference().toString(),
                item.getArea() == null ? null : "#" + item.getArea(), "#" + wanted);
        return updated;
    }

    /** What a vote did: the item voted for (the one a duplicate points to), and whether it changed anything. */
    public record VoteOutcome(FeedbackItem item, boolean counted, boolean customerAdded) {
    }

    /**
     * "Me too": one vote per person per item, whatever way it comes (button, reaction, command), however many
     * instances take clicks at once: the update adds the vote only while the person's key is absent. A vote for a
     * merged item goes to the item it was merged into. A person who already voted and now names a customer gets the
     * customer added to their vote.
     */
    public VoteOutcome vote(Invoker voter, String itemId, String customer, Vote.Source source) {
        FeedbackItem item = get(voter.tenant(), itemId);
        String account = customer == null || customer.isBlank() ? null : customer.strip();
        if (account != null && account.length() > CUSTOMER_LIMIT) {
            throw new UserError("A customer name is at most " + CUSTOMER_LIMIT + " characters.");
        }
        for (int hops = 0; item.getStatus() == FeedbackStatus.DUPLICATE && item.getDuplicateOfId() != null
                && hops < 5; hops++) {
            item = get(voter.tenant(), item.getDuplicateOfId());
        }
        Vote vote = Vote.of(voter.user(), voter.displayName(), account, source, clock.instant());
        FeedbackItem updated = addVote(item.getId(), vote);
        if (updated != null) {
            return new VoteOutcome(changed(updated), true, false);
        }
        FeedbackItem current = get(voter.tenant(), item.getId());
        if (current.getStatus() == FeedbackStatus.DUPLICATE) {
            // Merged while this vote was on its way: it goes where the item's votes went.
            return vote(voter, current.getId(), customer, source);
        }
        int at = indexOfVote(current, voter.user());
        if (account != null && at >= 0 && current.getVotes().get(at).customer() == null) {
            // Votes are only ever appended, so the vote's place is stable; the query checks it is still theirs.
            String path = "votes." + at;
            FeedbackItem withCustomer = mongo.findAndModify(Query.query(Criteria.where("_id").is(item.getId())
                            .and(path + ".voterKey").is(voter.user().key()).and(path + ".customer").is(null)),
                    new Update().set(path + ".customer", account).set("updatedAt", clock.instant()),
                    FindAndModifyOptions.options().returnNew(true), FeedbackItem.class);
            if (withCustomer != null) {
                return new VoteOutcome(changed(withCustomer), false, true);
            }
        }
        return new VoteOutcome(current, false, false);
    }

    private static int indexOfVote(FeedbackItem item, UserRef person) {
        List<Vote> votes = item.getVotes();
        for (int i = 0; i < votes.size(); i++) {
            if (votes.get(i).voterKey().equals(person.key())) {
                return i;
            }
        }
        return -1;
    }

    /** Adds the vote if its person has none on the item (and the item is not merged away); null otherwise. */
    private FeedbackItem addVote(String itemId, Vote vote) {
        return mongo.findAndModify(Query.query(Criteria.where("_id").is(itemId)
                        .and("votes.voterKey").ne(vote.voterKey()).and("status").ne(FeedbackStatus.DUPLICATE)),
                new Update().push("votes", vote).inc("voteCount", 1).set("updatedAt", vote.at()),
                FindAndModifyOptions.options().returnNew(true), FeedbackItem.class);
    }

    /**
     * Merges {@code duplicate} into {@code target}: its votes, reporter and customers move to the target (each person
     * once), it becomes {@link FeedbackStatus#DUPLICATE} pointing at the target, both cards are redrawn and its
     * reporter is told. Votes are copied before and after the duplicate is closed to voting, so none cast meanwhile is
     * lost, and copying is idempotent: a merge cut short is finished by running it again.
     */
    public Merge merge(Invoker actor, Reference duplicate, Reference target) {
        FeedbackItem from = get(actor.tenant(), duplicate);
        FeedbackItem into = get(actor.tenant(), target);
        if (from.getId().equals(into.getId())) {
            throw new UserError("An item cannot be merged into itself.");
        }
        if (into.getStatus() == FeedbackStatus.DUPLICATE) {
            throw new UserError(into.reference() + " was itself merged into " + into.duplicateOf()
                    + "; merge into that one.");
        }
        if (from.getStatus() == FeedbackStatus.DUPLICATE && !into.getId().equals(from.getDuplicateOfId())) {
            throw new UserError(from.reference() + " is already merged into " + from.duplicateOf() + ".");
        }
        copyVotes(from, into);
        Instant now = clock.instant();
        FeedbackItem closed = mongo.findAndModify(Query.query(Criteria.where("_id").is(from.getId())
                        .and("status").ne(FeedbackStatus.DUPLICATE)),
                new Update().set("status", FeedbackStatus.DUPLICATE).set("duplicateOfId", into.getId())
                        .set("duplicateOfNumber", into.getNumber()).set("updatedAt", now)
                        .push("history", new StatusChange(from.getStatus(), FeedbackStatus.DUPLICATE, actor.user(),
                                actor.displayName(), now)),
                FindAndModifyOptions.options().returnNew(true), FeedbackItem.class);
        FeedbackItem merged = copyVotes(closed != null ? closed : get(actor.tenant(), from.getId()), into);
        if (closed != null) {
            changed(closed);
            audit.record(actor.actor(), "feedback.merge", from.reference().toString(), from.getStatus().label(),
                    "duplicate of " + into.reference());
            notifier.statusChanged(closed, actor.user(), actor.displayName(), null);
        }
        return new Merge(get(actor.tenant(), from.getId()), changed(merged));
    }

    /** The two items after a merge. */
    public record Merge(FeedbackItem duplicate, FeedbackItem target) {
    }

    /** Adds each vote of {@code from} (and its reporter) that {@code into} lacks; notes the merge on {@code into}. */
    private FeedbackItem copyVotes(FeedbackItem from, FeedbackItem into) {
        List<Vote> votes = new ArrayList<>(from.getVotes());
        if (!from.hasVoteOf(from.getReporter())) {
            // Items from before votes: the reporter's request counts as theirs.
            votes.add(0, Vote.of(from.getReporter(), from.getReporterName(), from.getCustomer(),
                    Vote.Source.REPORTER, from.getCreatedAt()));
        }
        Instant now = clock.instant();
        for (Vote vote : votes) {
            mongo.updateFirst(Query.query(Criteria.where("_id").is(into.getId()).and("votes.voterKey")
                            .ne(vote.voterKey())),
                    new Update().push("votes", vote.merged(now)).inc("voteCount", 1), FeedbackItem.class);
        }
        Vote reporter = votes.get(0);
        return mongo.findAndModify(Query.query(Criteria.where("_id").is(into.getId())),
                new Update().addToSet("mergedNumbers", from.getNumber()).addToSet("mergedReporters", reporter)
                        .set("updatedAt", now),
                FindAndModifyOptions.options().returnNew(true), FeedbackItem.class);
    }

    /** After a write: the search index is told and the triage card redrawn (an edit through the outbox). */
    private FeedbackItem changed(FeedbackItem item) {
        if (item == null) {
            throw new UserError("That feedback item no longer exists.");
        }
        search.changed(item);
        triage.refresh(item);
        return item;
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
