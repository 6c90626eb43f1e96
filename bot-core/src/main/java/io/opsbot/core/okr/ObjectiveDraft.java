package io.opsbot.core.okr;

import io.opsbot.core.tenant.UserRef;

/** What an admin entered for an objective, before it is checked and stored. */
public record ObjectiveDraft(String cycleId, String title, UserRef owner, String team, String parentId) {
}
