/**
 * The bot's administration in one tenant, from chat ({@code opsbot}): who holds which role, naming and removing
 * triagers, managers and admins, and reading the audit log.
 */
package io.opsbot.core.admin;
