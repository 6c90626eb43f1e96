/**
 * The Slack side of the core's ports: sending and updating messages, and the people directory (users.info, channel
 * members).
 */
package io.opsbot.slack.outbound;
