/**
 * What the bot knows about a person across rituals: display name, time zone, time off, and the platform's people
 * directory port.
 */
package io.opsbot.core.people;
