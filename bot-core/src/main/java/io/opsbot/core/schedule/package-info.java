/**
 * Scheduled wake-ups (nudges) on Quartz one-shot triggers, rebuilt from MongoDB at start-up, dispatched to each
 * feature's handler.
 */
package io.opsbot.core.schedule;
