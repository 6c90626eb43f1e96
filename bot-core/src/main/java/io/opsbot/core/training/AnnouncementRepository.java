package io.opsbot.core.training;

import io.opsbot.core.tenant.UserRef;
import org.springframework.data.mongodb.repository.MongoRepository;

import java.time.Instant;
import java.util.List;

interface AnnouncementRepository extends MongoRepository<Announcement, String> {

    List<Announcement> findByOrganizerAndCreatedAtAfterOrderByCreatedAt(UserRef organizer, Instant after);

    List<Announcement> findByCreatedAtAfter(Instant after);
}
