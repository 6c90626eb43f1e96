package io.opsbot.core.storage;

import io.opsbot.core.testing.CoreTest;
import io.opsbot.core.testing.DatabaseCommands;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.mapping.Document;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/** Reads by many ids are split into reads of {@link Lookups#IDS_PER_READ}, and find every document all the same. */
@CoreTest
class LookupsTest {

    @Document("lookups_test")
    record Thing(@Id String id, int number) {
    }

    @Autowired
    MongoTemplate mongo;
    @Autowired
    DatabaseCommands commands;

    @Test
    void manyIdsAreReadInSlicesAndEveryDocumentIsFound() {
        mongo.dropCollection(Thing.class);
        mongo.insertAll(IntStream.range(0, 450).mapToObj(i -> new Thing("t" + i, i)).toList());
        List<String> ids = new ArrayList<>(IntStream.range(0, 460).mapToObj(i -> "t" + i).toList());
        ids.addAll(List.of("t1", "t2")); // asked twice, read once

        List<String> sent = commands.during(() -> assertThat(Lookups.byIds(mongo, ids, Thing.class, Thing::id))
                .hasSize(450).containsEntry("t449", new Thing("t449", 449)));
        // 460 distinct ids: 200, 200 and 60.
        assertThat(sent).containsExactly("find lookups_test", "find lookups_test", "find lookups_test");
        assertThat(Lookups.existingIds(mongo, ids, "lookups_test")).hasSize(450).contains("t0", "t449")
                .doesNotContain("t450");
        assertThat(commands.during(() -> assertThat(Lookups.byIds(mongo, List.of(), Thing.class, Thing::id))
                .isEmpty())).isEmpty();
    }
}
