/** Who and where: the platform, the tenant every record is scoped to, and a person within it. */
package io.opsbot.core.tenant;
