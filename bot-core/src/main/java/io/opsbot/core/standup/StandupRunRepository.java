package io.opsbot.core.standup;

import org.springframework.data.mongodb.repository.MongoRepository;

import java.util.List;

interface StandupRunRepository extends MongoRepository<StandupRun, String> {

    List<StandupRun> findByStandupIdAndClosedFalse(String standupId);

    List<StandupRun> findByClosedFalse();
}
