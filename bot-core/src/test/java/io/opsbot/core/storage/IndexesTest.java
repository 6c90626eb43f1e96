package io.opsbot.core.storage;

import io.opsbot.core.claim.Claims;
import io.opsbot.core.delivery.Delivery;
import io.opsbot.core.feedback.FeedbackItem;
import io.opsbot.core.feedback.TrackerConnection;
import io.opsbot.core.feedback.TrackerJob;
import io.opsbot.core.launch.LaunchDraft;
import io.opsbot.core.okr.KeyResult;
import io.opsbot.core.okr.Objective;
import io.opsbot.core.testing.CoreTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.index.IndexDefinition;
import org.springframework.data.mongodb.core.index.IndexInfo;

import static org.assertj.core.api.Assertions.assertThat;

/** Indexes are what the document classes declare, created at start-up in one place. */
@CoreTest
class IndexesTest {

    @Autowired
    Indexes indexes;
    @Autowired
    MongoTemplate mongo;

    @Test
    void everyDocumentClassIsFoundAndItsIndexesAreTheDeclaredOnes() {
        assertThat(Indexes.documentClasses()).contains(FeedbackItem.class, KeyResult.class, Delivery.class);
        assertThat(indexes.declaredBy(FeedbackItem.class)).extracting(IndexesTest::name)
                .containsExactlyInAnyOrder("tenant_number", "tenant_recent", "reporter_recent", "voters",
                        "tracker_link");
        assertThat(indexes.declaredBy(LaunchDraft.class)).singleElement().satisfies(ttl ->
                assertThat(ttl.getIndexOptions().get("expireAfterSeconds")).isEqualTo(30L * 24 * 3600));
        assertThat(Indexes.documentClasses()).contains(TrackerConnection.class, TrackerJob.class, LaunchDraft.class);
        Class<?> claim = Indexes.documentClasses().stream().filter(c -> c.getSimpleName().equals("Claim"))
                .findFirst().orElseThrow();
        assertThat(indexes.declaredBy(claim)).singleElement().satisfies(ttl -> {
            assertThat(name(ttl)).isEqualTo("claims_ttl");
            assertThat(ttl.getIndexOptions().get("expireAfterSeconds")).isEqualTo(0L);
        });
        assertThat(mongo.getCollectionName(claim)).isEqualTo(Claims.COLLECTION);
    }

    @Test
    void theUniqueIndexesThatGuardNumberingExistInTheDatabase() {
        assertThat(mongo.indexOps(FeedbackItem.class).getIndexInfo()).filteredOn(IndexInfo::isUnique)
                .extracting(IndexInfo::getName).contains("tenant_number");
        assertThat(mongo.indexOps(Objective.class).getIndexInfo()).filteredOn(IndexInfo::isUnique)
                .extracting(IndexInfo::getName).contains("okr_objectives_tenant_number");
    }

    @Test
    void indexesNoLongerUsedAreDroppedWhereTheyExistAndTheOthersStay() {
        mongo.indexOps(FeedbackItem.class).createIndex(new Index().on("_id", Sort.Direction.ASC)
                .on("status", Sort.Direction.ASC).unique().named("feedback_status"));
        mongo.indexOps(Delivery.class).createIndex(new Index().on("_id", Sort.Direction.ASC)
                .on("leaseVersion", Sort.Direction.ASC).unique().named("deliveries_lease"));

        indexes.dropRetired();
        indexes.dropRetired();

        assertThat(mongo.indexOps(FeedbackItem.class).getIndexInfo()).extracting(IndexInfo::getName)
                .contains("tenant_number", "voters").doesNotContain("feedback_status");
        assertThat(mongo.indexOps(Delivery.class).getIndexInfo()).extracting(IndexInfo::getName)
                .contains("deliveries_due").doesNotContain("deliveries_lease");
        Indexes.RETIRED.forEach((collection, names) -> assertThat(names).allSatisfy(retired ->
                assertThat(Indexes.documentClasses()).flatExtracting(indexes::declaredBy)
                        .extracting(IndexesTest::name).doesNotContain(retired)));
    }

    private static String name(IndexDefinition index) {
        return String.valueOf(index.getIndexOptions().get("name"));
    }
}
