package io.opsbot.core.storage;

import io.opsbot.core.delivery.Delivery;
import io.opsbot.core.delivery.Outbox;
import io.opsbot.core.gateway.Destination;
import io.opsbot.core.tenant.TenantRef;
import io.opsbot.core.tenant.UserRef;
import io.opsbot.core.testing.CoreTest;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Documents written before a stored class moved package still read, and new ones carry the new name. */
@CoreTest
class RenamedTypesTest {

    @Autowired
    MongoTemplate mongo;
    @Autowired
    Outbox outbox;

    @Test
    void aDeliveryStoredWithTheFormerDestinationClassNameStillReads() {
        Document user = new Document("tenant", new Document("platform", "SLACK").append("tenantId", "T-RENAMED"))
                .append("userId", "U1");
        mongo.getCollection(Delivery.COLLECTION).insertOne(new Document("_id", "renamed-types:1")
                .append("destination", new Document("_class", "io.opsbot.core.messaging.Destination$Direct")
                        .append("user", user))
                .append("message", new Document("summary", "hi").append("blocks", List.of()))
                .append("state", "FAILED"));

        Delivery read = outbox.find("renamed-types:1").orElseThrow();

        assertThat(read.getDestination()).isEqualTo(new Destination.Direct(new UserRef(TenantRef.slack("T-RENAMED"),
                "U1")));
    }

    @Test
    void newDocumentsNameTheCurrentClass() {
        outbox.enqueue("renamed-types:2", new Destination.Channel(TenantRef.slack("T-RENAMED"), "C1"),
                io.opsbot.core.message.Message.text("hi"), java.time.Instant.EPOCH);

        Document stored = mongo.getCollection(Delivery.COLLECTION).find(new Document("_id", "renamed-types:2")).first();

        assertThat(stored.get("destination", Document.class).getString("_class"))
                .isEqualTo(Destination.Channel.class.getName());
    }
}
