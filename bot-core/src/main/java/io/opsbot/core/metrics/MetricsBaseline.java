package io.opsbot.core.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/** Registers the bot's event-driven meters at start-up (see {@link BotMetrics#registerBaseline()}). */
@Component
class MetricsBaseline {

    MetricsBaseline(ObjectProvider<MeterRegistry> registry) {
        registry.ifAvailable(BotMetrics::registerBaseline);
    }
}
