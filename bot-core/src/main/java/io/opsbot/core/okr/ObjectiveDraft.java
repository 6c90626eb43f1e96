package io.opsbot.core.okr;

import io.opsbot.core.tenant.UserRef;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** What a manager entered for an objective, before it is checked and stored. */
public record ObjectiveDraft(String cycleId,
                             @NotBlank(message = "Give it a title.")
                             @Size(max = ObjectiveDraft.TITLE_LIMIT,
                                     message = "Keep the title under " + ObjectiveDraft.TITLE_LIMIT + " characters.")
                             String title,
                             @NotNull(message = "Choose the objective's owner.") UserRef owner,
                             String team,
                             String parentId) {

    static final int TITLE_LIMIT = 200;
    static final int TEAM_LIMIT = 40;
}
