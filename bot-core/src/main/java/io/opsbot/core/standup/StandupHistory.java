package io.opsbot.core.standup;

import io.opsbot.core.conversation.UserError;
import io.opsbot.core.identity.IdentityLinks;
import io.opsbot.core.message.Markup;
import io.opsbot.core.message.Message;
import io.opsbot.core.message.Texts;
import io.opsbot.core.people.DateRange;
import io.opsbot.core.people.ProfileService;
import io.opsbot.core.tenant.TenantRef;
import io.opsbot.core.tenant.UserRef;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Service;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Looking back: a person's standup days over a range ({@code standup history}) and how often each person answered
 * ({@code standup participation}). Read from the stored days, so it covers both platforms of a linked person.
 */
@Service
public class StandupHistory {

    /** The range when none is given: the last two weeks. */
    static final int DEFAULT_DAYS = 14;
    static final int MAX_DAYS = 366;
    /** Days listed at most in one reply (Slack's text blocks hold 3,000 characters). */
    static final int MAX_LINES = 31;
    private static final int ANSWER_PREVIEW = 80;

    private final MongoTemplate mongo;
    private final StandupService service;
    private final IdentityLinks links;
    private final ProfileService profiles;

    public StandupHistory(MongoTemplate mongo, StandupService service, IdentityLinks links,
                          ProfileService profiles) {
        this.mongo = mongo;
        this.service = service;
        this.links = links;
        this.profiles = profiles;
    }

    /** {@code 2026-11-01..2026-11-30}, or one day. */
    static Optional<DateRange> parseRange(String word) {
        String[] parts = word.strip().split("\\.\\.", -1);
        try {
            LocalDate from = LocalDate.parse(parts[0]);
            LocalDate to = parts.length == 2 ? LocalDate.parse(parts[1]) : from;
            return parts.length > 2 || to.isBefore(from) ? Optional.empty() : Optional.of(new DateRange(from, to));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    static DateRange orDefault(Optional<DateRange> range, LocalDate today) {
        DateRange chosen = range.orElse(new DateRange(today.minusDays(DEFAULT_DAYS - 1), today));
        if (ChronoUnit.DAYS.between(chosen.from(), chosen.to()) >= MAX_DAYS) {
            throw new UserError("Pick a range of at most " + MAX_DAYS + " days.");
        }
        return chosen;
    }

    /** The person's days (as asked in any standup they, or their linked identity, take part in), newest first. */
    Message history(UserRef viewer, UserRef person, DateRange range) {
        Set<UserRef> identities = new LinkedHashSet<>(List.of(person));
        links.partner(person).ifPresent(identities::add);
        Map<String, StandupRun> runs = runs(tenantsOf(viewer), range);
        List<Attendance> days = runs.isEmpty() ? List.of() : mongo.find(Query.query(Criteria.where("runId")
                .in(runs.keySet()).and("user").in(identities)), Attendance.class);
        days = new ArrayList<>(days);
        days.sort(Comparator.comparing((Attendance a) -> runs.get(a.getRunId()).getDate()).reversed()
                .thenComparing(a -> runs.get(a.getRunId()).getStandupName()));
        String name = profiles.displayName(person);
        Markup.Builder text = Markup.builder().bold("Standup history of ").mention(person, name)
                .bold(", " + range.from() + " to " + range.to());
        if (days.isEmpty()) {
            return Message.of(text.newline().text("No standup days in this range.").build());
        }
        Map<String, Standup> standups = new LinkedHashMap<>();
        int shown = 0;
        for (Attendance a : days) {
            if (shown++ == MAX_LINES) {
                text.newline().italic("… and " + (days.size() - MAX_LINES) + " more days; pick a shorter range.");
                break;
            }
            StandupRun run = runs.get(a.getRunId());
            Standup standup = standups.computeIfAbsent(run.getStandupId(), id -> service.find(id).orElse(null));
            text.newline().text(a.getStatus().emoji() + " " + StandupCards.day(run.getDate()) + " · ")
                    .bold(run.getStandupName()).text(": ");
            if (a.getStatus() == AttendanceStatus.ANSWERED && standup != null) {
                text.text(Texts.shorten(summaryOf(a, standup.getQuestions()), ANSWER_PREVIEW));
            } else {
                text.italic(a.getReason() != null ? a.getReason() : a.getStatus().label());
            }
        }
        return Message.of(text.build());
    }

    /**
     * How often each person answered, per standup: answered days out of the days they were asked (days away or
     * skipped are not held against them).
     */
    Message participation(UserRef viewer, DateRange range) {
        Map<String, StandupRun> runs = runs(tenantsOf(viewer), range);
        Markup.Builder text = Markup.builder().bold("Standup participation, " + range.from() + " to " + range.to());
        if (runs.isEmpty()) {
            return Message.of(text.newline().text("No standup days in this range.").build());
        }
        Map<String, List<Attendance>> byStandup = mongo.find(Query.query(Criteria.where("runId").in(runs.keySet())),
                Attendance.class).stream().collect(Collectors.groupingBy(a -> runs.get(a.getRunId())
                .getStandupName(), java.util.TreeMap::new, Collectors.toList()));
        byStandup.forEach((standupName, attendances) -> {
            text.newline().bold(standupName);
            Map<UserRef, List<Attendance>> byPerson = attendances.stream().collect(Collectors.groupingBy(
                    Attendance::getUser, LinkedHashMap::new, Collectors.toList()));
            byPerson.entrySet().stream()
                    .map(e -> new Rate(e.getKey(), e.getValue().get(0).getDisplayName(), e.getValue()))
                    .sorted(Comparator.comparing(Rate::percent).thenComparing(Rate::name))
                    .forEach(rate -> text.newline().text("• ").mention(rate.user(), rate.name())
                            .text(": " + rate.describe()));
        });
        return Message.of(text.build());
    }

    /** One person's answered days out of the days they were asked. */
    record Rate(UserRef user, String name, long answered, long asked) {

        Rate(UserRef user, String name, List<Attendance> days) {
            this(user, name, days.stream().filter(a -> a.getStatus() == AttendanceStatus.ANSWERED).count(),
                    days.stream().filter(a -> a.getStatus() == AttendanceStatus.ANSWERED
                            || a.getStatus() == AttendanceStatus.MISSED
                            || a.getStatus() == AttendanceStatus.PROMPTED).count());
        }

        int percent() {
            return asked == 0 ? 100 : (int) Math.round(100.0 * answered / asked);
        }

        String describe() {
            return asked == 0 ? "not asked (away or skipped)" : percent() + "% (" + answered + " of " + asked + ")";
        }
    }

    /** The viewer's tenant and, if linked, their linked identity's: nothing of any other tenant. */
    private Set<TenantRef> tenantsOf(UserRef viewer) {
        Set<TenantRef> tenants = new LinkedHashSet<>(List.of(viewer.tenant()));
        links.partner(viewer).ifPresent(p -> tenants.add(p.tenant()));
        return tenants;
    }

    private Map<String, StandupRun> runs(Set<TenantRef> tenants, DateRange range) {
        return mongo.find(Query.query(Criteria.where("tenant").in(tenants).and("date").gte(range.from())
                .lte(range.to())), StandupRun.class).stream()
                .collect(Collectors.toMap(StandupRun::getId, r -> r, (a, b) -> a, LinkedHashMap::new));
    }

    private static String summaryOf(Attendance a, List<Question> questions) {
        List<String> parts = new ArrayList<>();
        List<Integer> blockers = Question.blockers(questions, a.getAnswers());
        for (int i = 0; i < a.getAnswers().size() && i < questions.size(); i++) {
            String answer = a.getAnswers().get(i);
            Question q = questions.get(i);
            if (answer != null && !answer.isBlank()) {
                parts.add(blockers.contains(i) ? "🚧 " + q.blockerText(answer)
                        : q.isTypedText() ? answer.strip() : q.labelled(answer));
            }
        }
        return String.join(" · ", parts);
    }
}
