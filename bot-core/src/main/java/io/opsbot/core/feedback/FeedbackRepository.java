package io.opsbot.core.feedback;

import io.opsbot.core.tenant.TenantRef;
import io.opsbot.core.tenant.UserRef;
import org.springframework.data.mongodb.repository.MongoRepository;

import java.util.List;
import java.util.Optional;

public interface FeedbackRepository extends MongoRepository<FeedbackItem, String> {

    Optional<FeedbackItem> findByTenantAndNumber(TenantRef tenant, long number);


    long countByTenant(TenantRef tenant);

    List<FeedbackItem> findByTenantAndAwaitingTriageChannelTrue(TenantRef tenant);

    List<FeedbackItem> findByTenantAndTriageUndeliveredTrue(TenantRef tenant);
}
