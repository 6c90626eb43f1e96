/** A small typed Adaptive Card 1.5 builder and the renderers of neutral messages and forms to cards. */
package io.opsbot.teams.cards;
