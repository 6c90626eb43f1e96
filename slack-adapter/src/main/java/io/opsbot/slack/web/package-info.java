/** How Slack reaches the bot: the signed HTTP endpoint and the Socket Mode connection. */
package io.opsbot.slack.web;
