/** Checks the Bot Framework's bearer token on every inbound activity before anything else reads it. */
package io.opsbot.teams.auth;
