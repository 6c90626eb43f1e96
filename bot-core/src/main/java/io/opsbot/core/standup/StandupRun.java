package io.opsbot.core.standup;

import io.opsbot.core.gateway.Destination;
import io.opsbot.core.tenant.TenantRef;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.mapping.Document;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One day of a standup: its summary message in the report channel, final once every participant's window closed. */
@Document("standup_runs")
@CompoundIndex(name = "open_runs", def = "{'standupId': 1, 'closed': 1}")
public class StandupRun {

    /** The suffix of the outbox keys of what goes to the mirror channel. */
    static final String MIRROR = ":mirror";

    @Id
    private String id;
    private String standupId;
    private TenantRef tenant;
    private String standupName;
    private LocalDate date;
    private Destination.Channel reportChannel;
    private Destination.Channel mirrorChannel;
    private boolean closed;
    private Instant createdAt;
    /**
     * The ids of the day's attendance, each added before it is stored: the day's attendance is then read by id, which
     * the embedded store serves from its index, where a query by {@code runId} reads every attendance ever stored.
     * A run stored before this list existed is not {@link #attendanceListed} and is read by {@code runId}.
     */
    private List<String> attendanceIds;
    private boolean attendanceListed;

    protected StandupRun() {
    }

    StandupRun(Standup standup, LocalDate date, Instant now) {
        this.id = id(standup.getId(), date);
        this.standupId = standup.getId();
        this.tenant = standup.getTenant();
        this.standupName = standup.getName();
        this.date = date;
        this.reportChannel = standup.getReportChannel();
        this.mirrorChannel = standup.getMirrorChannel();
        this.createdAt = now;
        this.attendanceIds = new ArrayList<>();
        this.attendanceListed = true;
    }

    List<String> getAttendanceIds() {
        return attendanceIds == null ? List.of() : attendanceIds;
    }

    boolean isAttendanceListed() {
        return attendanceListed;
    }

    static String id(String standupId, LocalDate date) {
        return standupId + "@" + date;
    }

    /** The outbox key of the day's summary message. */
    public String summaryKey() {
        return "standup-summary:" + id;
    }

    /** Every channel the day's summary goes to, with its outbox key: the report channel, then the mirror if any. */
    Map<String, Destination.Channel> summaries() {
        Map<String, Destination.Channel> all = new LinkedHashMap<>();
        all.put(summaryKey(), reportChannel);
        if (mirrorChannel != null) {
            all.put(summaryKey() + MIRROR, mirrorChannel);
        }
        return all;
    }

    public String getId() {
        return id;
    }

    public String getStandupId() {
        return standupId;
    }

    public TenantRef getTenant() {
        return tenant;
    }

    public String getStandupName() {
        return standupName;
    }

    public LocalDate getDate() {
        return date;
    }

    public Destination.Channel getReportChannel() {
        return reportChannel;
    }

    public Destination.Channel getMirrorChannel() {
        return mirrorChannel;
    }

    public boolean isClosed() {
        return closed;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }
}
