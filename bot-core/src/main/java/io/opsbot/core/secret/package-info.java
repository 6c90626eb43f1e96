/**
 * Credentials the bot keeps for others (Slack installs' tokens, later Jira and Trello credentials): one encryption
 * scheme for all of them, keyed from {@code OPSBOT_SECRET_KEY}.
 */
package io.opsbot.core.secret;
