/**
 * The outbox: every message the bot sends on its own is stored under a unique key first, then sent once and retried
 * until it goes out.
 */
package io.opsbot.core.delivery;
