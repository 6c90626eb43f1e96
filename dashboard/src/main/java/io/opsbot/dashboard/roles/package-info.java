/** Settings and roles: who is admin, triager and manager (changed by admins, audited), and the tenant's settings. */
package io.opsbot.dashboard.roles;
