/**
 * Bolt listeners that turn Slack requests (slash commands, clicks, modal submissions, events) into calls on the core's
 * engine.
 */
package io.opsbot.slack.inbound;
