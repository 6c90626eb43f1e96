/**
 * Files for Teams people (feedback exports): kept in MongoDB (GridFS) for a short while and handed out as a signed,
 * expiring download link the bot serves itself.
 */
package io.opsbot.teams.files;
