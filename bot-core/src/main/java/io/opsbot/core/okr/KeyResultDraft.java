package io.opsbot.core.okr;

import io.opsbot.core.tenant.UserRef;

import java.math.BigDecimal;
import java.time.LocalDate;

/** What an admin entered for a key result, before it is checked and stored. Null numbers take their defaults. */
public record KeyResultDraft(String objectiveId, String title, UserRef owner, MetricType metric, BigDecimal start,
                             BigDecimal target, BigDecimal current, String unit, LocalDate due) {
}
