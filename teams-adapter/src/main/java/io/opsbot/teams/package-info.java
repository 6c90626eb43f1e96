/**
 * The Teams adapter: Bot Framework schema and connector types stay inside this module; the core sees only its own
 * types.
 */
package io.opsbot.teams;
