package io.opsbot.bench;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Updates;
import com.slack.api.bolt.App;
import io.opsbot.core.storage.Unjournaled;
import jakarta.servlet.http.HttpServletRequest;
import org.bson.Document;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import java.util.Date;

/**
 * The least a bot that stores before it confirms must do, as the floor the acknowledgement targets are also measured
 * against: verify the request (Bolt, as {@link BareApps}), take the tenant's next number (one {@code $inc}, not waited
 * on to reach the disk, as the bot's sequences), insert the item with the default write concern (it reaches the disk
 * before the answer, as the bot's items do) and answer "Saved as FB-n". Nothing else the bot does for a capture: no
 * rate limit, duplicate suggestion, triage post, search index or reply to the Bot Connector. It stores into database
 * {@code bench_storing_floor} of {@code bench.mongo-uri}; {@link AckBenchmark} points that at the bot's embedded
 * database, so both store through the same server onto the same disk.
 */
@RestController
@ConditionalOnProperty("bench.mongo-uri")
class StoringFloor implements AutoCloseable {

    private final MongoClient client;
    private final MongoCollection<Document> counters;
    private final MongoCollection<Document> items;
    private final BareApps.BoltOverServlet bolt;

    StoringFloor(Environment env) {
        client = MongoClients.create(env.getRequiredProperty("bench.mongo-uri"));
        MongoDatabase database = client.getDatabase("bench_storing_floor");
        counters = database.getCollection("counters").withWriteConcern(Unjournaled.NO_JOURNAL_WAIT);
        items = database.getCollection("feedback");
        App app = BareApps.bolt(env);
        app.command("/feedback", (request, context) -> {
            var payload = request.getPayload();
            long number = store(payload.getTeamId(), payload.getUserId(), payload.getText());
            return context.ack("Saved as FB-" + number);
        });
        bolt = new BareApps.BoltOverServlet(app);
    }

    @PostMapping("/slack/stored")
    ResponseEntity<String> slack(HttpServletRequest servlet) throws Exception {
        return bolt.run(servlet);
    }

    /** A Teams message activity: parsed, its text stored under its tenant, answered 200 (no reply is posted). */
    @PostMapping("/api/stored-messages")
    ResponseEntity<Void> teams(@RequestBody String body) {
        JsonElement parsed = JsonParser.parseString(body);
        if (!parsed.isJsonObject() || !parsed.getAsJsonObject().has("text")) {
            return ResponseEntity.status(HttpStatus.BAD_REQUEST).build();
        }
        JsonObject activity = parsed.getAsJsonObject();
        String tenant = activity.getAsJsonObject("channelData").getAsJsonObject("tenant").get("id").getAsString();
        store(tenant, activity.getAsJsonObject("from").get("id").getAsString(), activity.get("text").getAsString());
        return ResponseEntity.ok().build();
    }

    private long store(String tenant, String user, String text) {
        Document counter = counters.findOneAndUpdate(new Document("_id", "feedback:" + tenant),
                Updates.inc("seq", 1L), new FindOneAndUpdateOptions().upsert(true)
                        .returnDocument(ReturnDocument.AFTER));
        long number = counter.get("seq", Number.class).longValue();
        items.insertOne(new Document("tenant", tenant).append("number", number).append("reporter", user)
                .append("text", text).append("createdAt", new Date()));
        return number;
    }

    /** Called by Spring at shut-down (an AutoCloseable bean). */
    @Override
    public void close() {
        client.close();
    }
}
