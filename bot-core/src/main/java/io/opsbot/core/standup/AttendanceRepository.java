package io.opsbot.core.standup;

import io.opsbot.core.tenant.UserRef;
import org.springframework.data.mongodb.repository.MongoRepository;

import java.time.Instant;
import java.util.Collection;
import java.util.List;

interface AttendanceRepository extends MongoRepository<Attendance, String> {

    List<Attendance> findByRunIdOrderByIdAsc(String runId);

    List<Attendance> findByUserAndCutoffAtAfterAndStatusInOrderByPromptAt(UserRef user, Instant after,
                                                                          Collection<AttendanceStatus> statuses);
}
