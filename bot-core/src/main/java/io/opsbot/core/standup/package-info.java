/** Async standups: asked by DM in each person's zone, answered by dialog or form, summarised in a channel thread. */
package io.opsbot.core.standup;
