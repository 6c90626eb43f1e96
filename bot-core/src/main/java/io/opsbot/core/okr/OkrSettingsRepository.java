package io.opsbot.core.okr;

import org.springframework.data.mongodb.repository.MongoRepository;

interface OkrSettingsRepository extends MongoRepository<OkrSettings, String> {
}
