/** Which installation serves a Slack request: the workspace or org the bot is installed in, checked on every request. */
package io.opsbot.slack.installation;
