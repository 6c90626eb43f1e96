package io.opsbot.core.standup;

import io.opsbot.core.tenant.UserRef;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Service;

import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The read side of standups for reports: answers by person and date range, participation per person and week, and
 * blockers still standing. Callers pass the standups a viewer may see (all of a tenant's for an admin, the ones they
 * manage for a manager) and, for a member, the one person whose answers they may read. Answers are read by standup
 * and prompt time, which the {@code by_standup_prompt} index serves.
 */
@Service
public class StandupReport {

    /** The most answers one report reads. */
    static final int READ_LIMIT = 5_000;
    /** How far back an unresolved blocker is followed. */
    static final int BLOCKER_DAYS = 60;

    private final MongoTemplate mongo;
    private final Clock clock;

    public StandupReport(MongoTemplate mongo, Clock clock) {
        this.mongo = mongo;
        this.clock = clock;
    }

    /** A question and the person's answer to it. */
    public record QuestionAnswer(String question, String answer, boolean blocker) {
    }

    /** One person's answers on one day. */
    public record Answers(Standup standup, LocalDate date, UserRef user, String name, AttendanceStatus status,
                          List<QuestionAnswer> answers, Instant submittedAt) {
    }

    /** Answers given from {@code from} to {@code to} (days in each standup's zone, both included), newest first. */
    public List<Answers> answers(Collection<Standup> standups, UserRef person, LocalDate from, LocalDate to) {
        Map<String, Standup> byId = byId(standups);
        List<Answers> rows = new ArrayList<>();
        for (Attendance a : read(byId.keySet(), person, from.atStartOfDay(ZoneOffset.UTC).minusDays(1).toInstant(),
                to.plusDays(2).atStartOfDay(ZoneOffset.UTC).toInstant())) {
            Standup standup = byId.get(a.getStandupId());
            LocalDate day = a.getPromptAt().atZone(zone(a, standup)).toLocalDate();
            if (day.isBefore(from) || day.isAfter(to) || a.getStatus() == AttendanceStatus.PROMPTED
                                                         && a.getAnswers().isEmpty()) {
                continue;
            }
            rows.add(new Answers(standup, day, a.getUser(), a.getDisplayName(), a.getStatus(), pairs(standup, a),
                    a.getSubmittedAt()));
        }
        return rows;
    }

    /** One person's share of answered standups per week; null for a week they were not asked. */
    public record PersonParticipation(UserRef user, String name, List<Integer> percentByWeek) {
    }

    public record Participation(List<LocalDate> weeks, List<PersonParticipation> people) {
    }

    /**
     * Of the days each person was asked (away days left out), the share they answered, per week (Monday, UTC) for
     * the last {@code weeks} weeks. A day still open counts once it is answered or its cutoff has passed.
     */
    public Participation participation(Collection<Standup> standups, UserRef person, int weeks) {
        Instant now = clock.instant();
        LocalDate first = LocalDate.ofInstant(now, ZoneOffset.UTC).with(TemporalAdjusters.previousOrSame(
                DayOfWeek.MONDAY)).minusWeeks(weeks - 1L);
        List<LocalDate> starts = new ArrayList<>();
        for (int i = 0; i < weeks; i++) {
            starts.add(first.plusWeeks(i));
        }
        Map<String, int[][]> counts = new LinkedHashMap<>();
        Map<String, Attendance> who = new LinkedHashMap<>();
        for (Attendance a : read(byId(standups).keySet(), person, first.atStartOfDay(ZoneOffset.UTC).toInstant(),
                now.plus(1, ChronoUnit.DAYS))) {
            boolean counted = a.getStatus() == AttendanceStatus.ANSWERED || a.getStatus() == AttendanceStatus.MISSED
                              || a.getStatus() == AttendanceStatus.SKIPPED
                              || a.getStatus() == AttendanceStatus.PROMPTED && a.getCutoffAt() != null
                                 && a.getCutoffAt().isBefore(now);
            if (!counted) {
                continue;
            }
            int week = (int) ChronoUnit.WEEKS.between(first, LocalDate.ofInstant(a.getPromptAt(), ZoneOffset.UTC)
                    .with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)));
            if (week < 0 || week >= weeks) {
                continue;
            }
            who.putIfAbsent(a.getUser().key(), a);
            int[][] c = counts.computeIfAbsent(a.getUser().key(), k -> new int[weeks][2]);
            c[week][1]++;
            if (a.getStatus() == AttendanceStatus.ANSWERED) {
                c[week][0]++;
            }
        }
        List<PersonParticipation> people = counts.entrySet().stream().map(e -> {
            List<Integer> percents = new ArrayList<>();
            for (int[] week : e.getValue()) {
                percents.add(week[1] == 0 ? null : Math.round(100f * week[0] / week[1]));
            }
            Attendance a = who.get(e.getKey());
            return new PersonParticipation(a.getUser(), a.getDisplayName(), percents);
        }).sorted(Comparator.comparing(p -> p.name() == null ? "" : p.name().toLowerCase(java.util.Locale.ROOT))).toList();
        return new Participation(starts, people);
    }

    /** A blocker someone still reports: its text in their latest answer, since when they have reported one. */
    public record OpenBlocker(Standup standup, UserRef user, String name, String text, LocalDate since, long days) {
    }

    /**
     * Blockers standing in each person's latest answer to each standup, oldest first; {@code since} is the first day
     * of the unbroken run of answers that named a blocker.
     */
    public List<OpenBlocker> openBlockers(Collection<Standup> standups, UserRef person) {
        Map<String, Standup> byId = byId(standups);
        Instant now = clock.instant();
        Map<String, List<Attendance>> answered = read(byId.keySet(), person,
                now.minus(BLOCKER_DAYS, ChronoUnit.DAYS), now.plus(1, ChronoUnit.DAYS)).stream()
                .filter(a -> a.getStatus() == AttendanceStatus.ANSWERED)
                .collect(Collectors.groupingBy(a -> a.getStandupId() + "|" + a.getUser().key(), LinkedHashMap::new,
                        Collectors.toList()));
        List<OpenBlocker> open = new ArrayList<>();
        for (List<Attendance> newestFirst : answered.values()) {
            Attendance latest = newestFirst.get(0);
            Standup standup = byId.get(latest.getStandupId());
            String text = blocker(standup, latest);
            if (text == null) {
                continue;
            }
            Attendance since = latest;
            for (Attendance earlier : newestFirst) {
                if (blocker(standup, earlier) == null) {
                    break;
                }
                since = earlier;
            }
            LocalDate sinceDay = since.getPromptAt().atZone(zone(since, standup)).toLocalDate();
            open.add(new OpenBlocker(standup, latest.getUser(), latest.getDisplayName(), text, sinceDay,
                    ChronoUnit.DAYS.between(sinceDay, LocalDate.ofInstant(now, zone(latest, standup)))));
        }
        open.sort(Comparator.comparing(OpenBlocker::since));
        return open;
    }

    private List<Attendance> read(Collection<String> standupIds, UserRef person, Instant from, Instant to) {
        if (standupIds.isEmpty()) {
            return List.of();
        }
        Criteria criteria = Criteria.where("standupId").in(standupIds).and("promptAt").gte(from).lt(to);
        if (person != null) {
            criteria = criteria.and("user").is(person);
        }
        return mongo.find(Query.query(criteria).with(Sort.by(Sort.Direction.DESC, "promptAt")).limit(READ_LIMIT),
                Attendance.class);
    }

    /** Each answer with its question, shown as people read it; questions left out or not asked are not listed. */
    private static List<QuestionAnswer> pairs(Standup standup, Attendance a) {
        List<QuestionAnswer> pairs = new ArrayList<>();
        List<Question> questions = standup.getQuestions();
        List<Integer> blockers = Question.blockers(questions, a.getAnswers());
        for (int i = 0; i < a.getAnswers().size(); i++) {
            Question q = i < questions.size() ? questions.get(i) : null;
            String answer = a.getAnswers().get(i);
            if (q != null && (answer == null || answer.isBlank()) && (!q.isRequired() || q.condition() != null)) {
                continue;
            }
            pairs.add(new QuestionAnswer(q == null ? "Answer " + (i + 1) : q.text(),
                    q == null ? answer : blockers.contains(i) ? q.blockerText(answer) : q.display(answer),
                    blockers.contains(i)));
        }
        return pairs;
    }

    private static String blocker(Standup standup, Attendance a) {
        return pairs(standup, a).stream().filter(QuestionAnswer::blocker).map(QuestionAnswer::answer).findFirst()
                .orElse(null);
    }

    private static ZoneId zone(Attendance a, Standup standup) {
        try {
            return a.getZone() != null ? ZoneId.of(a.getZone()) : standup.zone();
        } catch (RuntimeException e) {
            return ZoneOffset.UTC;
        }
    }

    private static Map<String, Standup> byId(Collection<Standup> standups) {
        return standups.stream().collect(Collectors.toMap(Standup::getId, Function.identity(), (a, b) -> a,
                LinkedHashMap::new));
    }
}
