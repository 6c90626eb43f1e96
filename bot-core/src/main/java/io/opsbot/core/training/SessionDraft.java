package io.opsbot.core.training;

import io.opsbot.core.tenant.UserRef;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

/** What the schedule form collected for a training, before it is checked and stored. */
public record SessionDraft(@NotBlank(message = "Give the training a title.")
                           @Size(max = 100, message = "Keep the title under 100 characters.") String title,
                           @Size(max = 1000, message = "Keep the description under 1000 characters.")
                           String description,
                           @Pattern(regexp = AnnouncementDraft.WEB_LINK,
                                   message = AnnouncementDraft.WEB_LINK_MESSAGE) String link,
                           @NotNull Instant startsAt,
                           @NotNull ZoneId zone,
                           @NotEmpty(message = "Invite at least one person.") List<UserRef> audience) {
}
