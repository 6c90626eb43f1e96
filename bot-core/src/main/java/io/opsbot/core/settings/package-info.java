/** A tenant's shared settings (triage channel, product areas, holidays, admins), one document per tenant. */
package io.opsbot.core.settings;
