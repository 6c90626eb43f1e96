package io.opsbot.core.feedback;

import io.opsbot.core.tenant.TenantRef;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Service;

import java.time.Clock;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The read side of feedback for a board: one tenant's items under filters (area, type, status, customer, dates, words,
 * owner), a page at a time, newest first; the most voted open items; counts per week by area and by type; the
 * customers named. Every query starts with the tenant, which the {@code tenant_recent} index leads with.
 */
@Service
public class FeedbackBoard {

    /** The most items one filter reads for a chart or a file. */
    static final int READ_LIMIT = 20_000;

    private final MongoTemplate mongo;
    private final Clock clock;

    public FeedbackBoard(MongoTemplate mongo, Clock clock) {
        this.mongo = mongo;
        this.clock = clock;
    }

    /**
     * What to show. Null fields filter nothing; {@code openOnly} keeps what is not closed; {@code from} and {@code to}
     * are days (UTC), both included; {@code words} must all appear in the summary or details, in any case;
     * {@code ownerId} is the owner's user id within the tenant queried.
     */
    public record Filter(String area, FeedbackType type, FeedbackStatus status, boolean openOnly, String customer,
                         LocalDate from, LocalDate to, String words, String ownerId) {

        public static final Filter NONE = new Filter(null, null, null, false, null, null, null, null, null);

        public Filter {
            area = blankToNull(area);
            customer = blankToNull(customer);
            words = blankToNull(words);
            ownerId = blankToNull(ownerId);
        }

        public boolean isEmpty() {
            return equals(NONE);
        }
    }

    /** One page of items and where it is among them all; pages count from 1. */
    public record Page(List<FeedbackItem> items, int page, int pages, long total) {
        public Page {
            items = List.copyOf(items);
        }
    }

    public Page page(TenantRef tenant, Filter filter, int page, int size) {
        Query query = query(tenant, filter);
        long total = mongo.count(query, FeedbackItem.class);
        int pages = (int) Math.max(1, (total + size - 1) / size);
        int current = Math.min(Math.max(page, 1), pages);
        List<FeedbackItem> items = mongo.find(query.with(Sort.by(Sort.Direction.DESC, "createdAt"))
                .skip((long) (current - 1) * size).limit(size), FeedbackItem.class);
        return new Page(items, current, pages, total);
    }

    /** Every item the filter matches (up to {@value #READ_LIMIT}), newest first: what a file of them holds. */
    public List<FeedbackItem> all(TenantRef tenant, Filter filter) {
        return mongo.find(query(tenant, filter).with(Sort.by(Sort.Direction.DESC, "createdAt")).limit(READ_LIMIT),
                FeedbackItem.class);
    }

    /** Items created per week (weeks start on Monday, UTC), the last {@code weeks} weeks, by area and by type. */
    public record WeeklyTrend(List<LocalDate> weeks, Map<String, int[]> byArea, Map<String, int[]> byType) {
    }

    /** The trend of what the filter matches, its own dates aside: the chart shows the weeks up to now. */
    public WeeklyTrend weekly(TenantRef tenant, Filter filter, int weeks) {
        LocalDate thisWeek = LocalDate.now(clock.withZone(ZoneOffset.UTC))
                .with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
        LocalDate first = thisWeek.minusWeeks(weeks - 1L);
        List<LocalDate> starts = new ArrayList<>();
        for (int i = 0; i < weeks; i++) {
            starts.add(first.plusWeeks(i));
        }
        Filter recent = new Filter(filter.area(), filter.type(), filter.status(), filter.openOnly(),
                filter.customer(), first, null, filter.words(), filter.ownerId());
        Map<String, int[]> byArea = new LinkedHashMap<>();
        Map<String, int[]> byType = new LinkedHashMap<>();
        Arrays.stream(FeedbackType.values()).forEach(t -> byType.put(t.label(), new int[weeks]));
        for (FeedbackItem item : all(tenant, recent)) {
            LocalDate day = LocalDate.ofInstant(item.getCreatedAt(), ZoneOffset.UTC);
            int week = (int) ChronoUnit.WEEKS.between(first, day.with(TemporalAdjusters.previousOrSame(
                    DayOfWeek.MONDAY)));
            if (week < 0 || week >= weeks) {
                continue;
            }
            byArea.computeIfAbsent(item.getArea() == null ? "(no area)" : item.getArea(), a -> new int[weeks])[week]++;
            byType.get(item.getType() == null ? FeedbackType.QUESTION.label() : item.getType().label())[week]++;
        }
        byType.values().removeIf(counts -> Arrays.stream(counts).sum() == 0);
        return new WeeklyTrend(starts, byArea, byType);
    }

    /** The open items (not shipped, declined or merged) most voted for, most votes first, then newest. */
    public List<FeedbackItem> topVoted(TenantRef tenant, int limit) {
        Query query = Query.query(Criteria.where("tenant").is(tenant).and("status").nin(closedStatuses()));
        return mongo.find(query.with(Sort.by(Sort.Order.desc("voteCount"), Sort.Order.desc("createdAt")))
                .limit(limit), FeedbackItem.class);
    }

    /** The customers named on the tenant's items, each once, sorted. */
    public List<String> customers(TenantRef tenant) {
        Query query = Query.query(Criteria.where("tenant").is(tenant).and("customer").ne(null));
        query.fields().include("customer");
        TreeSet<String> names = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        mongo.find(query.limit(READ_LIMIT), FeedbackItem.class).forEach(item -> names.add(item.getCustomer()));
        return List.copyOf(names);
    }

    private static Query query(TenantRef tenant, Filter filter) {
        Criteria criteria = Criteria.where("tenant").is(tenant);
        if (filter.area() != null) {
            criteria = criteria.and("area").is(filter.area());
        }
        if (filter.type() != null) {
            criteria = criteria.and("type").is(filter.type());
        }
        if (filter.status() != null) {
            criteria = criteria.and("status").is(filter.status());
        } else if (filter.openOnly()) {
            criteria = criteria.and("status").nin(closedStatuses());
        }
        if (filter.ownerId() != null) {
            // The tenant is already fixed above, and an owner is always of the item's tenant (assign checks).
            criteria = criteria.and("owner.userId").is(filter.ownerId());
        }
        if (filter.customer() != null) {
            criteria = criteria.and("customer").regex("^" + Pattern.quote(filter.customer()) + "$", "i");
        }
        if (filter.from() != null || filter.to() != null) {
            Criteria created = criteria.and("createdAt");
            if (filter.from() != null) {
                created.gte(filter.from().atStartOfDay(ZoneOffset.UTC).toInstant());
            }
            if (filter.to() != null) {
                created.lt(filter.to().plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant());
            }
        }
        if (filter.words() != null) {
            List<Criteria> everyWord = new ArrayList<>();
            for (String word : filter.words().split("\\s+")) {
                String quoted = Pattern.quote(word);
                everyWord.add(new Criteria().orOperator(Criteria.where("summary").regex(quoted, "i"),
                        Criteria.where("details").regex(quoted, "i")));
            }
            criteria = criteria.andOperator(everyWord);
        }
        return Query.query(criteria);
    }

    private static List<FeedbackStatus> closedStatuses() {
        return Arrays.stream(FeedbackStatus.values()).filter(FeedbackStatus::closed).toList();
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }
}
