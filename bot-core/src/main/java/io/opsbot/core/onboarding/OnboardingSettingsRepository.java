package io.opsbot.core.onboarding;

import org.springframework.data.repository.Repository;

import java.util.Optional;

/** Reads a tenant's onboarding choices; they are changed by targeted updates only. */
interface OnboardingSettingsRepository extends Repository<OnboardingSettings.Stored, String> {

    Optional<OnboardingSettings.Stored> findById(String tenantKey);
}
