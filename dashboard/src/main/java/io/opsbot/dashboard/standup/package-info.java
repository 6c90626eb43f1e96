/**
 * Standups: answers by person and date range, participation per person and week, blockers still standing; managers
 * pause and resume the standups they manage.
 */
package io.opsbot.dashboard.standup;
