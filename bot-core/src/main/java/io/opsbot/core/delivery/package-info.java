/**
 * The outbox: every message the bot sends on its own is stored under a unique key first, then sent once and retried
 * until it goes out; a send cut short by a crash is looked for on the platform before it is sent again.
 */
package io.opsbot.core.delivery;
