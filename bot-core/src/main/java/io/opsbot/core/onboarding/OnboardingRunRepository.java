package io.opsbot.core.onboarding;

import io.opsbot.core.tenant.TenantRef;
import io.opsbot.core.tenant.UserRef;
import org.springframework.data.mongodb.repository.MongoRepository;

import java.util.Collection;
import java.util.List;

interface OnboardingRunRepository extends MongoRepository<OnboardingRun, String> {

    List<OnboardingRun> findByUserAndStatusInOrderByStartedAtDesc(UserRef user,
                                                                  Collection<OnboardingRun.Status> statuses);

    List<OnboardingRun> findByTenantAndStatusOrderByStartedAt(TenantRef tenant, OnboardingRun.Status status);

    List<OnboardingRun> findByNotifyAndStatusOrderByStartedAt(UserRef told, OnboardingRun.Status status);

    List<OnboardingRun> findByManagerAndStatusInOrderByStartedAt(UserRef manager,
                                                                 Collection<OnboardingRun.Status> statuses);

    List<OnboardingRun> findByBuddyAndStatusOrderByStartedAt(UserRef buddy, OnboardingRun.Status status);

    List<OnboardingRun> findByStatus(OnboardingRun.Status status);
}
