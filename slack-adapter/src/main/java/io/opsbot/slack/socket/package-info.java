/** How Slack reaches the bot over Socket Mode: a supervised connection that always comes back, and its health. */
package io.opsbot.slack.socket;
