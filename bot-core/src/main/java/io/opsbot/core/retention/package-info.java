/**
 * What happens to a tenant's data when the app leaves it (uninstalled, revoked): kept until an admin deletes it or the
 * retention after leaving passes, then deleted everywhere at once.
 */
package io.opsbot.core.retention;
