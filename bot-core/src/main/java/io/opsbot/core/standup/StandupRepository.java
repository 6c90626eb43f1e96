package io.opsbot.core.standup;

import io.opsbot.core.tenant.TenantRef;
import org.springframework.data.mongodb.repository.MongoRepository;

import java.util.List;

public interface StandupRepository extends MongoRepository<Standup, String> {

    List<Standup> findByTenantOrderByNameAsc(TenantRef tenant);

    List<Standup> findByPausedFalse();
}
