package io.opsbot.core.standup;

import io.opsbot.core.access.AccessPolicy;
import io.opsbot.core.access.Role;
import io.opsbot.core.home.HomeItem;
import io.opsbot.core.home.HomePart;
import io.opsbot.core.home.SettingsItems;
import io.opsbot.core.message.Button;
import io.opsbot.core.message.ButtonValue;
import io.opsbot.core.message.Markup;
import io.opsbot.core.tenant.UserRef;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Today's standups on a person's home: still to answer, or answered and open for edits until the cutoff. */
@Component
class StandupHome implements HomePart {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm", Locale.ENGLISH);

    private final StandupService service;
    private final AccessPolicy access;

    StandupHome(StandupService service, AccessPolicy access) {
        this.service = service;
        this.access = access;
    }

    @Override
    public List<HomeItem> homeItems(UserRef user, ZoneId zone, Instant now) {
        List<HomeItem> items = new ArrayList<>();
        for (Attendance a : service.openAttendance(user, now)) {
            String name = service.run(a.getRunId()).map(StandupRun::getStandupName).orElse("Standup");
            String cutoff = TIME.format(a.getCutoffAt().atZone(ZoneId.of(a.getZone()))) + " " + a.getZone();
            Markup.Builder text = Markup.builder().text(a.getStatus().emoji() + " ").bold(name);
            ButtonValue run = ButtonValue.of(a.getRunId());
            switch (a.getStatus()) {
                case PROMPTED -> items.add(new HomeItem(HomeItem.Section.STANDUP, text.text(" · answer by " + cutoff)
                        .build(), List.of(Button.primary(StandupActions.ANSWER, "Answer", run)), true));
                case ANSWERED -> items.add(new HomeItem(HomeItem.Section.STANDUP, text.text(" · answered; you can "
                        + "change it until " + cutoff).build(), List.of(Button.of(StandupActions.ANSWER,
                        "Edit answers", run)), false));
                default -> items.add(new HomeItem(HomeItem.Section.STANDUP, text.text(" · skipped today").build(),
                        List.of(), false));
            }
        }
        if (access.has(user, Role.ADMIN)) {
            items.add(SettingsItems.forms("Standups", List.of(Button.of(StandupActions.NEW_STANDUP, "New standup",
                    ButtonValue.NONE))));
        }
        return items;
    }
}
