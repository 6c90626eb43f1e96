package io.opsbot.core.feedback;

import io.opsbot.core.conversation.ConversationEngine;
import io.opsbot.core.conversation.Invoker;
import io.opsbot.core.tenant.TenantRef;
import io.opsbot.core.testing.CoreTest;
import io.opsbot.core.testing.MutableClock;
import io.opsbot.core.testing.Tenants;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Triage posts a crash left unqueued are found through their marks ({@code feedback_pending}), against MongoDB over
 * TCP: the minutely look reads the marks and the items by id, not every item.
 */
@CoreTest
class PendingTriagePostsTest {

    @Autowired
    ConversationEngine engine;
    @Autowired
    FeedbackService feedback;
    @Autowired
    FeedbackRepository repository;
    @Autowired
    FeedbackTriage triage;
    @Autowired
    PendingTriagePosts pending;
    @Autowired
    MongoTemplate mongo;
    @Autowired
    MutableClock clock;

    private TenantRef tenant;
    private Invoker pm;

    @BeforeEach
    void setUp() {
        tenant = Tenants.slack();
        pm = Tenants.inChannel(tenant, "U100", "Pat PM", "C-TRIAGE");
        engine.onCommand(pm, "/feedback", "triage here");
    }

    private boolean marked(String itemId) {
        return mongo.findById(itemId, PendingTriagePosts.Pending.class) != null;
    }

    @Test
    void anItemSavedButNotPostedBeforeACrashIsPostedByTheMinutelyLook() {
        // What capture does up to the crash: the mark, then the item; its post was never queued.
        String id = pending.mark(clock.instant());
        FeedbackItem saved = repository.insert(new FeedbackItem(tenant, 41, pm.user(), "Pat PM",
                FeedbackTextParser.parse("Export to PDF", List.of()), FeedbackSource.COMMAND, clock.instant())
                .withId(id));
        assertThat(triage.delivery(saved)).isEmpty();

        feedback.publishPending();
        assertThat(triage.delivery(saved)).as("still within the grace: its request may be posting it").isEmpty();

        clock.advance(FeedbackService.PENDING_GRACE.plus(Duration.ofSeconds(1)));
        feedback.publishPending();

        assertThat(triage.delivery(saved)).as("its post is queued").isPresent();
        assertThat(marked(id)).isFalse();
    }

    @Test
    void aCaptureLeavesNoMarkAndAMarkWhoseItemWasNeverSavedIsDropped() {
        FeedbackItem item = feedback.capture(pm, FeedbackTextParser.parse("Dark mode", List.of()),
                FeedbackSource.COMMAND);
        assertThat(triage.delivery(item)).isPresent();
        assertThat(marked(item.getId())).as("removed once its post was queued").isFalse();

        String orphan = pending.mark(clock.instant());
        clock.advance(FeedbackService.PENDING_GRACE.plus(Duration.ofSeconds(1)));
        feedback.publishPending();

        assertThat(marked(orphan)).isFalse();
        assertThat(triage.delivery(item)).isPresent();
    }

    @Test
    void anItemAnEarlierVersionLeftFlaggedPendingIsPostedOnceAfterTheUpgrade() {
        // Saved by a version that flagged the item itself, and never posted: the database has not been adopted yet.
        mongo.dropCollection(PendingTriagePosts.ADOPTED);
        FeedbackItem legacy = repository.insert(new FeedbackItem(tenant, 42, pm.user(), "Pat PM",
                FeedbackTextParser.parse("Bulk edit", List.of()), FeedbackSource.COMMAND, clock.instant()));
        mongo.updateFirst(Query.query(Criteria.where("_id").is(legacy.getId())), new Update().set("triagePending", true),
                FeedbackItem.class);
        clock.advance(FeedbackService.PENDING_GRACE.plus(Duration.ofSeconds(1)));

        feedback.publishPending();

        assertThat(triage.delivery(legacy)).as("its post is queued").isPresent();
        assertThat(repository.findById(legacy.getId()).orElseThrow().isTriagePending()).isFalse();
        assertThat(marked(legacy.getId())).isFalse();
        assertThat(mongo.getCollection(PendingTriagePosts.ADOPTED).countDocuments()).as("adopted once").isEqualTo(1);
    }
}
