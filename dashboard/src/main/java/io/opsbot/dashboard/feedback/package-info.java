/**
 * The feedback board: filters and search, status changes for triagers, the weekly trend by area and by type, and the
 * items one by one.
 */
package io.opsbot.dashboard.feedback;
