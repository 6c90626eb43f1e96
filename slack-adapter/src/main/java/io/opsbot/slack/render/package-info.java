/** Neutral messages and forms rendered as Block Kit blocks, modals and escaped mrkdwn. */
package io.opsbot.slack.render;
