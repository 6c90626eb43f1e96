package io.opsbot.core.settings;

import org.springframework.data.mongodb.repository.MongoRepository;

public interface TenantSettingsRepository extends MongoRepository<TenantSettings, String> {
}
