package io.opsbot.core.standup;

import org.springframework.beans.factory.InitializingBean;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.stereotype.Component;

/** Indexes for the queries standups run on every occurrence. */
@Component
class StandupIndexes implements InitializingBean {

    private final MongoTemplate mongo;

    StandupIndexes(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    @Override
    public void afterPropertiesSet() {
        mongo.indexOps(Attendance.class).createIndex(new Index().on("runId", Sort.Direction.ASC).named("by_run"));
        mongo.indexOps(StandupRun.class).createIndex(new Index().on("standupId", Sort.Direction.ASC)
                .on("closed", Sort.Direction.ASC).named("open_runs"));
        mongo.indexOps(Standup.class).createIndex(new Index().on("tenant", Sort.Direction.ASC).named("by_tenant"));
    }
}
