package io.opsbot.core.storage;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.event.CommandListener;
import com.mongodb.event.CommandStartedEvent;
import io.opsbot.core.claim.Claims;
import io.opsbot.core.ratelimit.RateLimit;
import io.opsbot.core.ratelimit.RateLimiter;
import io.opsbot.core.sequence.SequenceService;
import io.opsbot.core.testing.MongoTestServer;
import org.bson.BsonDocument;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.MongoTemplate;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which writes ask not to wait for the journal ({@code j: false}, which the embedded database answers before its
 * fsync): those whose loss in a crash is harmless, and only those. Seen as the commands the driver sends.
 */
class UnjournaledTest {

    private final List<BsonDocument> sent = new CopyOnWriteArrayList<>();
    private final MongoClient client = MongoClients.create(com.mongodb.MongoClientSettings.builder()
            .applyConnectionString(new com.mongodb.ConnectionString(MongoTestServer.uri("unjournaled")))
            .addCommandListener(new CommandListener() {
                @Override
                public void commandStarted(CommandStartedEvent event) {
                    sent.add(event.getCommand().clone());
                }
            }).build());
    /** A template as the application gets it: through the storage configuration's post-processing. */
    private final MongoTemplate mongo = (MongoTemplate) StorageConfiguration.renamedTypesReader()
            .postProcessBeforeInitialization(new MongoTemplate(client, "unjournaled_" + UUID.randomUUID()
                    .toString().substring(0, 8)), "mongoTemplate");

    @AfterEach
    void close() {
        client.close();
    }

    @Test
    void aReplayClaimDoesNotWaitForTheJournalWhileAClaimOfWorkDoes() {
        Claims claims = new Claims(mongo, Clock.systemUTC());

        assertThat(claims.claimUnjournaled("replay:1", Duration.ofMinutes(10))).isTrue();
        assertThat(claims.claimUnjournaled("replay:1", Duration.ofMinutes(10))).as("still refused").isFalse();
        assertThat(journalDeclined(lastWrite("insert"))).isTrue();

        assertThat(claims.claim("nudge:1", Duration.ofMinutes(10))).isTrue();
        assertThat(journalDeclined(lastWrite("insert"))).isFalse();
    }

    @Test
    void countersAndRateLimitBucketsDoNotWaitForTheJournal() {
        SequenceService sequences = new SequenceService(mongo);
        assertThat(sequences.next("feedback:T1")).isEqualTo(1);
        assertThat(sequences.next("feedback:T1")).isEqualTo(2);
        assertThat(sequences.current("feedback:T1")).isEqualTo(2);
        assertThat(journalDeclined(lastWrite("findAndModify"))).isTrue();

        RateLimiter limiter = new RateLimiter(mongo);
        assertThat(limiter.tryTake("bucket", RateLimit.perSecond(1, 2))).isEmpty();
        assertThat(journalDeclined(lastWrite("insert"))).as("a new bucket").isTrue();
        assertThat(limiter.tryTake("bucket", RateLimit.perSecond(1, 2))).isEmpty();
        assertThat(journalDeclined(lastWrite("findAndModify"))).as("a token taken").isTrue();
    }

    @Test
    void outsideTheScopeTemplateWritesKeepTheDefault() {
        Unjournaled.write(() -> mongo.insert(new org.bson.Document("_id", "a"), "things"));
        mongo.insert(new org.bson.Document("_id", "b"), "things");

        assertThat(journalDeclined(lastWrite("insert"))).isFalse();
        assertThat(sent.stream().filter(c -> c.containsKey("insert")).map(UnjournaledTest::journalDeclined))
                .containsExactly(true, false);
    }

    private BsonDocument lastWrite(String command) {
        return sent.stream().filter(c -> c.containsKey(command)).reduce((a, b) -> b).orElseThrow();
    }

    private static boolean journalDeclined(BsonDocument command) {
        return command.containsKey("writeConcern") && command.getDocument("writeConcern").containsKey("j")
                && !command.getDocument("writeConcern").getBoolean("j").getValue();
    }
}
