package io.opsbot.core.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.Timer;

import java.time.Duration;
import java.util.Locale;

/**
 * The bot's own meters, by the names operators alert on (exported at {@code /actuator/prometheus} with {@code _}
 * for {@code .}). Events are recorded into Micrometer's global registry, which Spring Boot joins to the Prometheus
 * registry it configures (without one, in a test of the core alone, they go nowhere); gauges and the baseline are
 * registered into the application's own registry, so they never outlive their application context. Tags are
 * bounded: platforms, command names the bot declares, outcomes; never a tenant, a person or any text.
 */
public final class BotMetrics {

    /** Latency buckets around Slack's 3-second acknowledgement deadline. */
    private static final Duration[] BUCKETS = {Duration.ofMillis(10), Duration.ofMillis(25), Duration.ofMillis(50),
        Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1),
        Duration.ofSeconds(2), Duration.ofSeconds(3), Duration.ofSeconds(5), Duration.ofSeconds(10)};

    /** What became of one attempt at a delivery. */
    public enum DeliveryOutcome { SENT, EDITED, RETRIED, RATE_LIMITED, EXPIRED, FAILED }

    private BotMetrics() {
    }

    static MeterRegistry registry() {
        return Metrics.globalRegistry;
    }

    /** A command or message handled by the core: which platform, which command, how it ended, how long it took. */
    public static void command(String platform, String command, String outcome, long nanos) {
        Timer.builder("opsbot.commands").description("Commands and messages handled, by platform and command")
                .tags("platform", lower(platform), "command", command, "outcome", outcome)
                .serviceLevelObjectives(BUCKETS).register(registry()).record(Duration.ofNanos(nanos));
    }

    /** A request from a platform answered by an adapter (the acknowledgement Slack and Teams wait for). */
    public static void ack(String platform, String kind, int status, long nanos) {
        Timer.builder("opsbot.ack").description("Time from a platform's request to the bot's answer")
                .tags("platform", lower(platform), "kind", kind, "status", Integer.toString(status))
                .serviceLevelObjectives(BUCKETS).register(registry()).record(Duration.ofNanos(nanos));
    }

    /** One outcome of an outbox attempt. */
    public static void delivery(DeliveryOutcome outcome) {
        Counter.builder("opsbot.deliveries").description("Outbox attempts by outcome")
                .tag("outcome", lower(outcome.name())).register(registry()).increment();
    }

    /** A scheduled nudge fired: how long after it was due. */
    public static void schedulerLag(Duration lag) {
        schedulerLagTimer().record(lag.isNegative() ? Duration.ZERO : lag);
    }

    /**
     * Registers the meters that only appear when something happens (deliveries by outcome, scheduler lag), so that
     * a dashboard or an alert sees them at 0 from the start rather than no series at all.
     */
    public static void registerBaseline(MeterRegistry registry) {
        for (DeliveryOutcome outcome : DeliveryOutcome.values()) {
            Counter.builder("opsbot.deliveries").description("Outbox attempts by outcome")
                    .tag("outcome", lower(outcome.name())).register(registry);
        }
        schedulerLagTimer(registry);
    }

    private static Timer schedulerLagTimer() {
        return schedulerLagTimer(registry());
    }

    private static Timer schedulerLagTimer(MeterRegistry registry) {
        return Timer.builder("opsbot.scheduler.lag").description("How late scheduled work fired after it was due")
                .serviceLevelObjectives(Duration.ofSeconds(1), Duration.ofSeconds(5), Duration.ofSeconds(15),
                        Duration.ofSeconds(30), Duration.ofSeconds(60), Duration.ofMinutes(5))
                .register(registry);
    }

    /**
     * A gauge whose value is read at most every {@code every} (a scrape every few seconds must not become a database
     * query every few seconds); a read that fails leaves the last value.
     */
    public static void cachedGauge(MeterRegistry registry, String name, String description, Duration every,
                                   java.util.function.Supplier<Number> read) {
        CachedValue value = new CachedValue(read, every);
        Gauge.builder(name, value, CachedValue::get).description(description).strongReference(true)
                .register(registry);
    }

    private static final class CachedValue {
        private final java.util.function.Supplier<Number> read;
        private final long everyNanos;
        private long readAt;
        private double last = Double.NaN;

        CachedValue(java.util.function.Supplier<Number> read, Duration every) {
            this.read = read;
            this.everyNanos = every.toNanos();
        }

        synchronized double get() {
            long now = System.nanoTime();
            if (Double.isNaN(last) || now - readAt >= everyNanos) {
                readAt = now;
                try {
                    last = read.get().doubleValue();
                } catch (RuntimeException e) {
                    // The database is away: the gauge keeps its last value; health says the database is down.
                }
            }
            return last;
        }
    }

    private static String lower(String value) {
        return value == null ? "unknown" : value.toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
