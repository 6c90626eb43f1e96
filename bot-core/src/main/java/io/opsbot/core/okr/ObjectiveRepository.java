package io.opsbot.core.okr;

import io.opsbot.core.tenant.TenantRef;
import org.springframework.data.mongodb.repository.MongoRepository;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

interface ObjectiveRepository extends MongoRepository<Objective, String> {

    Optional<Objective> findByTenantAndNumber(TenantRef tenant, long number);

    List<Objective> findByTenantAndCycleIdInOrderByNumber(TenantRef tenant, Collection<String> cycleIds);
}
