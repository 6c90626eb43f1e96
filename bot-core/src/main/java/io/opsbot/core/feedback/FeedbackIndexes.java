package io.opsbot.core.feedback;

import org.springframework.beans.factory.InitializingBean;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.index.IndexOperations;
import org.springframework.stereotype.Component;

/** The indexes feedback queries rely on; the unique one also guards the per-tenant numbering. */
@Component
class FeedbackIndexes implements InitializingBean {

    private final MongoTemplate mongo;

    FeedbackIndexes(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    @Override
    public void afterPropertiesSet() {
        IndexOperations ops = mongo.indexOps(FeedbackItem.class);
        ops.createIndex(new Index().on("tenant", Sort.Direction.ASC).on("number", Sort.Direction.ASC).unique()
                .named("tenant_number"));
        ops.createIndex(new Index().on("tenant", Sort.Direction.ASC).on("createdAt", Sort.Direction.DESC)
                .named("tenant_recent"));
        ops.createIndex(new Index().on("reporter", Sort.Direction.ASC).on("createdAt", Sort.Direction.DESC)
                .named("reporter_recent"));
    }
}
