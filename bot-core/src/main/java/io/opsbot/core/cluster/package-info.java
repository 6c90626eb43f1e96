/** The live instances of the bot on one database, and the hand-back of what a gone instance held. */
package io.opsbot.core.cluster;
