/**
 * Blockers people report in rituals (a standup's blockers question): kept open until resolved, carried over day to day,
 * and linked to the key result they name, whose owner is told. Features supply the rituals ({@link
 * io.opsbot.core.blocker.BlockerSource}) and the key results ({@link io.opsbot.core.blocker.KeyResultLinks}).
 */
package io.opsbot.core.blocker;
