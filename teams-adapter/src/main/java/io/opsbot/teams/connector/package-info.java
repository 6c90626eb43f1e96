/**
 * Calls to the Bot Connector: clients per service URL, the bot's own token (MSAL: client credentials or managed
 * identity), and how connector failures map to delivery reasons.
 */
package io.opsbot.teams.connector;
