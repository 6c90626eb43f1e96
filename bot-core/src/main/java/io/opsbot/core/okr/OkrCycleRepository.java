package io.opsbot.core.okr;

import io.opsbot.core.tenant.TenantRef;
import org.springframework.data.mongodb.repository.MongoRepository;

import java.util.List;
import java.util.Optional;

interface OkrCycleRepository extends MongoRepository<OkrCycle, String> {

    List<OkrCycle> findByTenantOrderByStart(TenantRef tenant);

    Optional<OkrCycle> findByTenantAndName(TenantRef tenant, String name);
}
