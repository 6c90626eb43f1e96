package io.opsbot.core.standup;

import io.opsbot.core.tenant.UserRef;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.index.Indexed;
import org.springframework.data.mongodb.core.mapping.Document;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * One participant on one standup day: when they were asked, until when they can answer, and their answers. Its id
 * (run, person) is the claim that makes each prompt go out once, whoever fires the occurrence and however often.
 */
@Document("standup_attendance")
// The dashboard reads a standup's answers by date range.
@CompoundIndex(name = "by_standup_prompt", def = "{'standupId': 1, 'promptAt': -1}")
public class Attendance {

    @Id
    private String id;
    @Indexed(name = "by_run")
    private String runId;
    private String standupId;
    private UserRef user;
    private String displayName;
    private String zone;
    private AttendanceStatus status;
    private String reason;
    private Instant promptAt;
    private Instant cutoffAt;
    private List<String> answers = new ArrayList<>();
    private Instant submittedAt;
    private Instant editedAt;

    protected Attendance() {
    }

    Attendance(StandupRun run, UserRef user, String displayName, String zone, AttendanceStatus status, String reason,
               Instant promptAt, Instant cutoffAt) {
        this.id = id(run.getId(), user);
        this.runId = run.getId();
        this.standupId = run.getStandupId();
        this.user = user;
        this.displayName = displayName;
        this.zone = zone;
        this.status = status;
        this.reason = reason;
        this.promptAt = promptAt;
        this.cutoffAt = cutoffAt;
    }

    static String id(String runId, UserRef user) {
        return runId + "#" + user.key();
    }

    /** The dialog that asks this person's questions. */
    String dialogKey() {
        return "standup:" + id;
    }

    /** The outbox key of this person's report in the summary's thread. */
    String reportKey() {
        return "standup-report:" + id;
    }

    public String getId() {
        return id;
    }

    public String getRunId() {
        return runId;
    }

    public String getStandupId() {
        return standupId;
    }

    public UserRef getUser() {
        return user;
    }

    public String getDisplayName() {
        return displayName;
    }

    public String getZone() {
        return zone;
    }

    public AttendanceStatus getStatus() {
        return status;
    }

    public String getReason() {
        return reason;
    }

    public Instant getPromptAt() {
        return promptAt;
    }

    public Instant getCutoffAt() {
        return cutoffAt;
    }

    public List<String> getAnswers() {
        return List.copyOf(answers);
    }

    public Instant getSubmittedAt() {
        return submittedAt;
    }

    public Instant getEditedAt() {
        return editedAt;
    }
}
