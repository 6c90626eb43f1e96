package io.opsbot.core.okr;

import org.springframework.data.domain.Limit;
import org.springframework.data.mongodb.repository.MongoRepository;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

interface CheckInRepository extends MongoRepository<CheckIn, String> {

    List<CheckIn> findByKeyResultIdOrderByAtDescIdDesc(String keyResultId, Limit limit);

    Optional<CheckIn> findFirstByKeyResultIdAndAtBeforeOrderByAtDescIdDesc(String keyResultId, Instant before);

    long countByKeyResultId(String keyResultId);
}
