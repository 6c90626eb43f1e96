package io.opsbot.core.okr;

import io.opsbot.core.tenant.TenantRef;
import io.opsbot.core.tenant.UserRef;
import org.springframework.data.mongodb.repository.MongoRepository;
import org.springframework.data.mongodb.repository.Query;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

interface KeyResultRepository extends MongoRepository<KeyResult, String> {

    Optional<KeyResult> findByTenantAndNumber(TenantRef tenant, long number);

    List<KeyResult> findByObjectiveIdOrderByNumber(String objectiveId);

    List<KeyResult> findByObjectiveIdInOrderByNumber(Collection<String> objectiveIds);

    List<KeyResult> findByTenantAndOwnerAndCycleIdInOrderByNumber(TenantRef tenant, UserRef owner,
                                                                  Collection<String> cycleIds);

    List<KeyResult> findByTenantAndCycleIdIn(TenantRef tenant, Collection<String> cycleIds);

    /** Every key result with only its tenant read: which tenants have any. */
    @Query(value = "{}", fields = "{ 'tenant' : 1 }")
    List<KeyResult> findAllTenants();
}
