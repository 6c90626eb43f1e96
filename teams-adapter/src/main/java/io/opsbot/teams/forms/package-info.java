/** Forms sent as Adaptive Cards: the card for a form, and the choices of its people and channel pickers. */
package io.opsbot.teams.forms;
