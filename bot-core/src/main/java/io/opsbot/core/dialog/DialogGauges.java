package io.opsbot.core.dialog;

import io.micrometer.core.instrument.MeterRegistry;
import io.opsbot.core.metrics.BotMetrics;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

import java.time.Duration;

/** How many question-by-question conversations are under way (all instances), read at most every 15 s. */
@Component
class DialogGauges {

    DialogGauges(MongoTemplate mongo, ObjectProvider<MeterRegistry> registries) {
        MeterRegistry registry = registries.getIfAvailable();
        if (registry == null) {
            return;
        }
        Query open = Query.query(Criteria.where("state").in(Dialog.State.ACTIVE, Dialog.State.QUEUED));
        BotMetrics.cachedGauge(registry, "opsbot.dialogs.open", "Dialogs under way or waiting their turn",
                Duration.ofSeconds(15), () -> mongo.count(open, DialogService.COLLECTION));
    }
}
