package io.opsbot.core.feedback;

import io.opsbot.core.delivery.Delivery;
import io.opsbot.core.delivery.Outbox;
import io.opsbot.core.gateway.Destination;
import io.opsbot.core.link.DashboardLinks;
import io.opsbot.core.settings.TenantSettingsService;
import io.opsbot.core.tenant.TenantRef;
import io.opsbot.core.tenant.UserRef;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

/**
 * Posts saved items to their tenant's triage channel through the {@link Outbox} (one post per item, retried until it
 * goes out). Items captured while a tenant has no triage channel wait, flagged, and are posted once one is chosen.
 * A post the outbox finally gives up on (the bot removed from the channel, the channel archived) is not left at a log
 * line: the item is kept in the tenant's undelivered list, the admin who chose the channel is told, and the list is
 * posted again as soon as a triage channel is set that works.
 */
@Component
public class FeedbackTriage {

    private static final Logger log = LoggerFactory.getLogger(FeedbackTriage.class);

    static final String KEY_PREFIX = "feedback-triage:";

    private final FeedbackRepository repository;
    private final MongoTemplate mongo;
    private final Outbox outbox;
    private final TenantSettingsService settings;
    private final DashboardLinks links;
    private final Clock clock;

    public FeedbackTriage(FeedbackRepository repository, MongoTemplate mongo, Outbox outbox,
                          TenantSettingsService settings, DashboardLinks links, Clock clock) {
        this.repository = repository;
        this.mongo = mongo;
        this.outbox = outbox;
        this.settings = settings;
        this.links = links;
        this.clock = clock;
    }

    static String key(FeedbackItem item) {
        return KEY_PREFIX + item.getId();
    }

    /** Whether the tenant has a triage channel, so a new item's post can be queued. */
    boolean hasChannel(TenantRef tenant) {
        return settings.triageChannel(tenant).isPresent();
    }

    /** Posts a newly saved item soon, without making the caller wait; or flags it until a channel is set. */
    public void publish(FeedbackItem item) {
        Optional<Destination.Channel> channel = settings.triageChannel(item.getTenant());
        if (channel.isPresent()) {
            outbox.enqueue(key(item), channel.get(), FeedbackCards.triageCard(item, links), null);
        } else {
            mongo.updateFirst(Query.query(Criteria.where("_id").is(item.getId())),
                    new Update().set("awaitingTriageChannel", true), FeedbackItem.class);
        }
    }

    /**
     * After a tenant sets a triage channel (that the bot showed it can post in), posts what was waiting for one and
     * what could not be posted before.
     */
    public void releaseWaiting(TenantRef tenant) {
        List<FeedbackItem> waiting = repository.findByTenantAndAwaitingTriageChannelTrue(tenant);
        for (FeedbackItem item : waiting) {
            mongo.updateFirst(Query.query(Criteria.where("_id").is(item.getId())),
                    new Update().unset("awaitingTriageChannel"), FeedbackItem.class);
            publish(item);
        }
        for (FeedbackItem item : repository.findByTenantAndTriageUndeliveredTrue(tenant)) {
            // The given-up post makes way for a new one under the same key (one post per item still holds).
            outbox.forgetFailed(key(item));
            mongo.updateFirst(Query.query(Criteria.where("_id").is(item.getId())),
                    new Update().unset("triageUndelivered"), FeedbackItem.class);
            publish(item);
        }
    }

    /**
     * Finds triage posts the outbox gave up on since the last look: each item joins its tenant's undelivered list, and
     * the admin who chose the channel gets a direct message (one a day per tenant, however many items wait). Run by
     * {@link UndeliveredTriageSchedule}; returns how many items were newly found.
     */
    public int noteUndelivered() {
        int found = 0;
        for (Delivery delivery : outbox.failed(KEY_PREFIX)) {
            String itemId = delivery.getKey().substring(KEY_PREFIX.length());
            FeedbackItem item = mongo.findAndModify(Query.query(Criteria.where("_id").is(itemId)
                            .and("triageUndelivered").ne(true)), new Update().set("triageUndelivered", true),
                    FindAndModifyOptions.options().returnNew(true), FeedbackItem.class);
            if (item != null) {
                found++;
                tellWhoSetTheChannel(item, delivery.getLastError());
            }
        }
        return found;
    }

    private void tellWhoSetTheChannel(FeedbackItem item, String error) {
        TenantRef tenant = item.getTenant();
        Optional<UserRef> admin = settings.triageChannelSetBy(tenant);
        if (admin.isEmpty()) {
            log.error("Triage post of {} in {} failed for good ({}) and nobody chose the channel in chat to tell; it "
                    + "waits for the next '{} triage here'", item.reference(), tenant, error,
                    tenant.platform().command("feedback"));
            return;
        }
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        outbox.enqueue("feedback-undelivered:" + tenant.key() + ":" + today, new Destination.Direct(admin.get()),
                FeedbackCards.undelivered(item, tenant.platform()), null);
    }

    /** Re-renders the posted triage card after a change made elsewhere (a status typed as text). */
    public void refresh(FeedbackItem item) {
        outbox.update(key(item), FeedbackCards.triageCard(item, links));
    }

    /** Where the item's triage post stands, if one was queued. */
    public Optional<Delivery> delivery(FeedbackItem item) {
        return outbox.find(key(item));
    }
}
