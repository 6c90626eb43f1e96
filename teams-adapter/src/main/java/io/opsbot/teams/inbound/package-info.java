/**
 * The /api/messages endpoint and what each kind of activity (message, card submit, message action, install, member
 * added) becomes in the core.
 */
package io.opsbot.teams.inbound;
