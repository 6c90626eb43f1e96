/** The Teams side of the core's gateway: sending and updating activities through the Bot Connector. */
package io.opsbot.teams.outbound;
