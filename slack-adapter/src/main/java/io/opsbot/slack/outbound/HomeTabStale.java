package io.opsbot.slack.outbound;

import io.opsbot.core.tenant.UserRef;

/** Something the bot sent or did for this person may have changed what their Home tab shows. */
public record HomeTabStale(UserRef user) {
}
