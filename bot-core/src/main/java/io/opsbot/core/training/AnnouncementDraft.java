package io.opsbot.core.training;

import io.opsbot.core.tenant.UserRef;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.time.Duration;
import java.util.List;

/** What the announce form collected, before it is checked and stored. {@code remindAfter} null: the default. */
public record AnnouncementDraft(@NotBlank(message = "Give the announcement a title.")
                                @Size(max = 100, message = "Keep the title under 100 characters.") String title,
                                @NotBlank(message = "Say what changes.")
                                @Size(max = 2000, message = "Keep it under 2000 characters.") String text,
                                @Pattern(regexp = WEB_LINK, message = WEB_LINK_MESSAGE) String link,
                                @NotEmpty(message = "Send it to at least one person.") List<UserRef> audience,
                                Duration remindAfter) {

    static final String WEB_LINK = "https?://\\S+";
    static final String WEB_LINK_MESSAGE = "Enter a web address starting with https://";
}
