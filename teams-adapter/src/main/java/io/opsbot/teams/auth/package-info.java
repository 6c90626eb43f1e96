/**
 * Who may call /api/messages: Bot Connector tokens checked for the bot's type (single-tenant, managed identity,
 * multi-tenant) against the issuers' OpenID signing keys.
 */
package io.opsbot.teams.auth;
