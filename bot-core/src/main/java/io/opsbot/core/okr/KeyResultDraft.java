package io.opsbot.core.okr;

import io.opsbot.core.tenant.UserRef;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.math.BigDecimal;
import java.time.LocalDate;

/** What a manager entered for a key result, before it is checked and stored. Null numbers take their defaults. */
public record KeyResultDraft(String objectiveId,
                             @NotBlank(message = "Give it a title.")
                             @Size(max = ObjectiveDraft.TITLE_LIMIT,
                                     message = "Keep the title under " + ObjectiveDraft.TITLE_LIMIT + " characters.")
                             String title,
                             @NotNull(message = "Choose who owns this key result.") UserRef owner,
                             @NotNull(message = "Choose how it is measured.") MetricType metric,
                             BigDecimal start,
                             BigDecimal target,
                             BigDecimal current,
                             @Size(max = KeyResultDraft.UNIT_LIMIT,
                                     message = "Keep the unit short, e.g. USD, € or signups.") String unit,
                             LocalDate due) {

    static final int UNIT_LIMIT = 20;

    /** The same draft with another current value (an edit keeps the one check-ins set). */
    KeyResultDraft withCurrent(BigDecimal value) {
        return new KeyResultDraft(objectiveId, title, owner, metric, start, target, value, unit, due);
    }
}
