package io.opsbot.core.okr;

import io.opsbot.core.access.AccessPolicy;
import io.opsbot.core.access.Role;
import io.opsbot.core.home.HomeItem;
import io.opsbot.core.home.HomePart;
import io.opsbot.core.home.SettingsItems;
import io.opsbot.core.message.Button;
import io.opsbot.core.message.ButtonValue;
import io.opsbot.core.message.Markup;
import io.opsbot.core.message.Texts;
import io.opsbot.core.tenant.UserRef;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Key results on their owner's home that are not checked in since this week's prompt (or ever). */
@Component
class OkrHome implements HomePart {

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("EEE d MMM", Locale.ENGLISH);

    private final KeyResultService keyResults;
    private final OkrSettingsService settings;
    private final AccessPolicy access;

    OkrHome(KeyResultService keyResults, OkrSettingsService settings, AccessPolicy access) {
        this.keyResults = keyResults;
        this.settings = settings;
        this.access = access;
    }

    @Override
    public List<HomeItem> homeItems(UserRef user, ZoneId zone, Instant now) {
        Cadence cadence = settings.cadenceFor(user);
        Instant since = cadence.latestPrompt(now).map(Cadence::windowStart).orElse(null);
        List<HomeItem> items = new ArrayList<>();
        for (KeyResult kr : keyResults.dueForCheckIn(user, now.atZone(cadence.zone()).toLocalDate())) {
            boolean checkedIn = kr.getLastCheckInAt() != null && (since == null || !kr.getLastCheckInAt()
                    .isBefore(since));
            if (checkedIn) {
                continue;
            }
            Markup.Builder text = Markup.builder().bold(kr.reference().toString())
                    .text(" " + Texts.shorten(kr.getTitle(), 120))
                    .text(" · " + Progress.percent(Progress.of(kr)) + "%");
            if (kr.getDue() != null) {
                text.text(" · due " + DAY.format(kr.getDue()));
            }
            items.add(new HomeItem(HomeItem.Section.CHECK_INS, text.build(),
                    List.of(Button.primary(OkrActions.CHECK_IN, "Check in", ButtonValue.of(kr.getId()))), true));
        }
        if (access.has(user, Role.ADMIN)) {
            items.add(SettingsItems.channel("OKR channel", settings.channel(user.tenant()), user.platform(),
                    "okr channel here", List.of(Button.of(OkrActions.NEW_OBJECTIVE, "New objective",
                            ButtonValue.NONE))));
        }
        return items;
    }
}
