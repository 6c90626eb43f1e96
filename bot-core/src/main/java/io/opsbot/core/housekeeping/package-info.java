/**
 * Daily clean-up of what only served exactly-once and retries: expired claims, finished dialogs, long-done deliveries.
 */
package io.opsbot.core.housekeeping;
