package io.opsbot.core.feedback;

import io.opsbot.core.conversation.InputError;
import io.opsbot.core.conversation.Invoker;
import io.opsbot.core.conversation.UserError;
import io.opsbot.core.delivery.Outbox;
import io.opsbot.core.gateway.Destination;
import io.opsbot.core.message.Markup;
import io.opsbot.core.message.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Service;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Creates Jira issues and Trello cards for items and links existing ones. The item is always saved first; when the
 * service is down or rate-limited the creation is stored as a {@link TrackerJob} and retried (as Retry-After asks),
 * and the person who asked is told once it is done or has finally failed. A Trello board gets its webhook the first
 * time one of its cards is linked.
 */
@Service
public class TrackerLinks {

    private static final Logger log = LoggerFactory.getLogger(TrackerLinks.class);
    /** How long one instance holds a job it is trying, so another does not try it at the same time. */
    private static final Duration LEASE = Duration.ofMinutes(2);

    private final TrackerConnections connections;
    private final JiraClient jira;
    private final TrelloClient trello;
    private final FeedbackService feedback;
    private final MongoTemplate mongo;
    private final Outbox outbox;
    private final TrackerProperties properties;
    private final TrackerHttp http;
    private final Clock clock;

    public TrackerLinks(TrackerConnections connections, JiraClient jira, TrelloClient trello,
                        FeedbackService feedback, MongoTemplate mongo, Outbox outbox, TrackerProperties properties,
                        TrackerHttp http, Clock clock) {
        this.connections = connections;
        this.jira = jira;
        this.trello = trello;
        this.feedback = feedback;
        this.mongo = mongo;
        this.outbox = outbox;
        this.properties = properties;
        this.http = http;
        this.clock = clock;
    }

    /** What a create did: linked now, or queued to be tried again after {@code retryIn}. */
    public record Outcome(FeedbackItem linked, Duration retryIn, String reason) {
    }

    /**
     * Creates the issue or card ({@code target}: {@code projectId:issueTypeId}, or a Trello list id) and links it. A
     * refusal by the service is an error on the form's {@code target}; unavailability queues a retry.
     */
    public Outcome create(Invoker actor, String itemId, TrackerKind kind, String target, String title) {
        FeedbackItem item = feedback.get(actor.tenant(), itemId);
        TrackerConnection connection = connections.require(actor.tenant(), kind);
        try {
            return new Outcome(feedback.link(actor, item.getId(), attempt(connection, item, target, title,
                    actor)), null, null);
        } catch (TrackerException e) {
            if (!e.retryable()) {
                throw new InputError("target", kind.label() + " said: " + e.getMessage());
            }
            Duration wait = e.retryAfter() != null ? e.retryAfter() : properties.retryDelay();
            Instant now = clock.instant();
            mongo.insert(new TrackerJob(UUID.randomUUID().toString(), item.getId(), kind, target, title,
                    actor.user(), actor.displayName(), now.plus(wait), e.getMessage(), now));
            log.info("{} for {} queued: {} answered {} (retry in {})", kind.thing(), item.reference(), kind.label(),
                    e.status(), wait);
            return new Outcome(null, wait, e.status() == 429 ? "is limiting requests" : e.status() == 0
                    ? "cannot be reached" : "is having trouble");
        }
    }

    private TrackerLink attempt(TrackerConnection connection, FeedbackItem item, String target, String title,
                                Invoker actor) {
        Instant now = clock.instant();
        if (connection.getKind() == TrackerKind.JIRA) {
            String[] ids = target.split(":", 2);
            if (ids.length != 2) {
                throw new InputError("target", "Pick a project and issue type.");
            }
            JiraClient.Issue issue = jira.create(connections.jira(connection), ids[0], ids[1], title,
                    TrackerDescriptions.adf(http.json(), item));
            return new TrackerLink(TrackerKind.JIRA, issue.key(), title, issue.url(), actor.user(),
                    actor.displayName(), now);
        }
        TrelloClient.Card card = trello.create(connections.trello(connection), target, title,
                TrackerDescriptions.markdown(item));
        watchBoard(connection, card.boardId());
        return new TrackerLink(TrackerKind.TRELLO, card.id(), card.name(), card.url(), actor.user(),
                actor.displayName(), now);
    }

    /**
     * The issue or card an earlier try made although its answer never came (it timed out, or the service's edge
     * answered 5xx after the work was done): linked instead of creating a second one.
     */
    private Optional<TrackerLink> alreadyCreated(TrackerConnection connection, FeedbackItem item,
                                                           String target, String title, Invoker actor) {
        Instant now = clock.instant();
        String marker = TrackerDescriptions.backText(item);
        if (connection.getKind() == TrackerKind.JIRA) {
            String projectId = target.split(":", 2)[0];
            return jira.findCreated(connections.jira(connection), projectId, title, marker)
                    .map(issue -> new TrackerLink(TrackerKind.JIRA, issue.key(), title, issue.url(), actor.user(),
                            actor.displayName(), now));
        }
        return trello.findCreated(connections.trello(connection), target, title, marker)
                .map(card -> {
                    watchBoard(connection, card.boardId());
                    return new TrackerLink(TrackerKind.TRELLO, card.id(), card.name(), card.url(), actor.user(),
                            actor.displayName(), now);
                });
    }

    /** Links an issue (by key or URL) or card (by link or id) that exists; an error on {@code key} otherwise. */
    public FeedbackItem linkExisting(Invoker actor, String itemId, String typed) {
        FeedbackItem item = feedback.get(actor.tenant(), itemId);
        String issueKey = JiraClient.keyIn(typed);
        String cardId = issueKey == null ? TrelloClient.cardIn(typed) : null;
        if (issueKey == null && cardId == null) {
            throw new InputError("key", "Enter a Jira issue key like PROJ-12, or a Trello card link.");
        }
        TrackerKind kind = issueKey != null ? TrackerKind.JIRA : TrackerKind.TRELLO;
        TrackerConnection connection = connections.find(actor.tenant(), kind).orElseThrow(() -> new InputError("key",
                kind.label() + " is not connected here yet: an admin runs " + actor.platform().command("feedback")
                        + " connect " + kind.word() + "."));
        Instant now = clock.instant();
        try {
            if (kind == TrackerKind.JIRA) {
                JiraClient.Issue issue = jira.issue(connections.jira(connection), issueKey);
                return feedback.link(actor, item.getId(), new TrackerLink(kind, issue.key(), issue.summary(),
                        issue.url(), actor.user(), actor.displayName(), now));
            }
            TrelloClient.Card card = trello.card(connections.trello(connection), cardId);
            watchBoard(connection, card.boardId());
            return feedback.link(actor, item.getId(), new TrackerLink(kind, card.id(), card.name(), card.url(),
                    actor.user(), actor.displayName(), now));
        } catch (TrackerException e) {
            throw new InputError("key", e.status() == 404 ? "There is no such " + kind.thing() + " (" + kind.label()
                    + " said: " + e.getMessage() + ")." : kind.label() + " said: " + e.getMessage()
                    + (e.retryable() ? " Please try again in a moment." : ""));
        }
    }

    /** Trello has no webhook settings page: the bot asks for the board's changes once per board. */
    private void watchBoard(TrackerConnection connection, String boardId) {
        if (boardId == null || boardId.isEmpty() || connection.getWebhookModels().contains(boardId)) {
            return;
        }
        try {
            trello.watch(connections.trello(connection), boardId, connections.webhookUrl(connection));
            connections.watched(connection, boardId);
        } catch (TrackerException e) {
            // The link stands; the board is asked again the next time one of its cards is linked.
            log.warn("Trello did not set up the webhook of board {} for {}: {}", boardId, connection.getTenant(),
                    e.getMessage());
        }
    }

    /** Tries every queued creation that is due; returns how many were tried. Run by {@link TrackerJobSchedule}. */
    public int retryDue() {
        int tried = 0;
        Instant now = clock.instant();
        List<TrackerJob> due = mongo.find(Query.query(Criteria.where("state").is(TrackerJob.State.PENDING)
                .and("nextAttemptAt").lte(now)).limit(100), TrackerJob.class);
        for (TrackerJob job : due) {
            TrackerJob leased = mongo.findAndModify(Query.query(Criteria.where("_id").is(job.getId())
                            .and("state").is(TrackerJob.State.PENDING).and("nextAttemptAt").lte(now)),
                    new Update().set("nextAttemptAt", now.plus(LEASE)),
                    FindAndModifyOptions.options().returnNew(true), TrackerJob.class);
            if (leased != null) {
                tried++;
                retry(leased);
            }
        }
        return tried;
    }

    private void retry(TrackerJob job) {
        Invoker asker = new Invoker(job.getRequestedBy(), job.getRequestedByName(), null, true, null);
        FeedbackItem item;
        TrackerConnection connection;
        try {
            item = feedback.get(asker.tenant(), job.getItemId());
            connection = connections.require(asker.tenant(), job.getKind());
        } catch (UserError e) {
            finish(job, TrackerJob.State.FAILED, e.getMessage(), null);
            return;
        }
        if (item.getTrackerLink() != null) {
            finish(job, TrackerJob.State.DONE, null, null);
            return;
        }
        try {
            TrackerLink link = alreadyCreated(connection, item, job.getTarget(), job.getTitle(), asker)
                    .orElseGet(() -> attempt(connection, item, job.getTarget(), job.getTitle(), asker));
            FeedbackItem linked = feedback.link(asker, item.getId(), link);
            finish(job, TrackerJob.State.DONE, null, linked);
        } catch (TrackerException e) {
            if (!e.retryable() || job.getAttempts() + 1 >= properties.attempts()) {
                finish(job, TrackerJob.State.FAILED, e.getMessage(), item);
                return;
            }
            Duration wait = e.retryAfter() != null ? e.retryAfter()
                    : properties.retryDelay().multipliedBy(1L << Math.min(job.getAttempts(), 10));
            mongo.updateFirst(Query.query(Criteria.where("_id").is(job.getId())), new Update().inc("attempts", 1)
                    .set("nextAttemptAt", clock.instant().plus(wait)).set("lastError", e.getMessage()),
                    TrackerJob.class);
        } catch (UserError e) {
            finish(job, TrackerJob.State.FAILED, e.getMessage(), item);
        }
    }

    /** Ends the job and tells the person who asked (once: the message is keyed by the job). */
    private void finish(TrackerJob job, TrackerJob.State state, String error, FeedbackItem item) {
        mongo.updateFirst(Query.query(Criteria.where("_id").is(job.getId())), new Update().set("state", state)
                .inc("attempts", 1).set("lastError", error), TrackerJob.class);
        if (item == null) {
            return;
        }
        Markup.Builder text = Markup.builder();
        if (state == TrackerJob.State.DONE) {
            TrackerLink link = item.getTrackerLink();
            text.text("🔗 ").text(job.getKind().label() + " is back: ").bold(item.reference().toString())
                    .text(" is now tracked in ").link(link.url(), link.label()).text(".");
        } else {
            text.text("⚠️ I couldn't create the " + job.getKind().thing() + " for ")
                    .bold(item.reference().toString())
                    .text(" “").text(io.opsbot.core.message.Texts.shorten(item.getSummary(), 80)).text("”: "
                            + job.getKind().label() + " said: " + error + ". The feedback is kept; use Create "
                            + job.getKind().thing() + " on its card to try again.");
        }
        outbox.enqueue("tracker-job:" + job.getId(), new Destination.Direct(job.getRequestedBy()),
                Message.of(text.build()), null);
    }
}
