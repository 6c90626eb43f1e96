/**
 * Launches a feature prepares and another announces: feedback offers "Announce this launch" when an item ships, and
 * training's announcements (with their acknowledgement tracking) send it. What is prepared waits here, by id.
 */
package io.opsbot.core.launch;
