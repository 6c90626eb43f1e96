/** How Slack reaches the bot over HTTP: the signed endpoint. */
package io.opsbot.slack.web;
