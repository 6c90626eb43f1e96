package io.opsbot.core.people;

import io.opsbot.core.tenant.TenantRef;
import org.springframework.data.domain.Limit;
import org.springframework.data.repository.Repository;

import java.util.List;
import java.util.Optional;

/** Reads profiles; they are changed by targeted upserts only (ProfileService), never saved whole. */
interface PersonProfileRepository extends Repository<PersonProfile, String> {

    Optional<PersonProfile> findById(String userKey);

    List<PersonProfile> findByUserTenantOrderByLastSeenDesc(TenantRef tenant, Limit limit);
}
