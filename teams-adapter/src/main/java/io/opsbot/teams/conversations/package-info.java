/** Conversation references stored from every activity, so the bot can message people and channels proactively. */
package io.opsbot.teams.conversations;
