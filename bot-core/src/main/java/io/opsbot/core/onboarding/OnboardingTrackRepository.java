package io.opsbot.core.onboarding;

import io.opsbot.core.tenant.TenantRef;
import org.springframework.data.mongodb.repository.MongoRepository;

import java.util.List;

interface OnboardingTrackRepository extends MongoRepository<OnboardingTrack, String> {

    List<OnboardingTrack> findByTenantOrderByKey(TenantRef tenant);
}
