/**
 * Wiring of the core: the Spring configuration adapters and the application import, the clock, the outbound executor
 * and opsbot.* properties.
 */
package io.opsbot.core.config;
