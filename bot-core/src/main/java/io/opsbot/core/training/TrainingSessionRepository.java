package io.opsbot.core.training;

import io.opsbot.core.tenant.UserRef;
import org.springframework.data.mongodb.repository.MongoRepository;

import java.time.Instant;
import java.util.List;

interface TrainingSessionRepository extends MongoRepository<TrainingSession, String> {

    List<TrainingSession> findByOrganizerAndStartsAtAfterOrderByStartsAt(UserRef organizer, Instant after);

    List<TrainingSession> findByAudienceAndStatusAndStartsAtAfterOrderByStartsAt(UserRef invitee,
                                                                                 TrainingSession.Status status,
                                                                                 Instant after);

    List<TrainingSession> findByStatusAndStartsAtAfter(TrainingSession.Status status, Instant after);
}
