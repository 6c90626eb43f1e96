package io.opsbot.core.standup;

import org.springframework.data.mongodb.repository.MongoRepository;

import java.util.List;

interface AttendanceRepository extends MongoRepository<Attendance, String> {

    List<Attendance> findByRunIdOrderByIdAsc(String runId);
}
