/**
 * Scheduled wake-ups (nudges), stored in MongoDB so every instance knows every one, fired once by whichever instance
 * polls first, and dispatched to each feature's handler.
 */
package io.opsbot.core.schedule;
