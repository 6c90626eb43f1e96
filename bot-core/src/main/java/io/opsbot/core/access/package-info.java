/** Roles (member, triager, manager, admin) and the one policy that decides who holds them. */
package io.opsbot.core.access;
