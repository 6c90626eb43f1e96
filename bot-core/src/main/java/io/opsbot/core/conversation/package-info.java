/**
 * The engine every adapter calls: commands, free text, form submissions, button clicks and message shortcuts routed to
 * the feature that owns them.
 */
package io.opsbot.core.conversation;
