/** Per-tenant counters behind human-friendly numbers such as FB-12, one atomic increment per number. */
package io.opsbot.core.sequence;
