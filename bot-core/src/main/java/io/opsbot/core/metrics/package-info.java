/** The bot's Micrometer meters: commands, acknowledgements, deliveries, scheduler lag, and cached gauges. */
package io.opsbot.core.metrics;
