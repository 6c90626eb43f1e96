/** The Teams people directory: roster members, names and ids, cached per tenant. */
package io.opsbot.teams.people;
