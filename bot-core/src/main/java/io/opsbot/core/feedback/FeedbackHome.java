package io.opsbot.core.feedback;

import io.opsbot.core.access.AccessPolicy;
import io.opsbot.core.access.Role;
import io.opsbot.core.home.HomeItem;
import io.opsbot.core.home.HomePart;
import io.opsbot.core.home.SettingsItems;
import io.opsbot.core.message.Markup;
import io.opsbot.core.message.Texts;
import io.opsbot.core.settings.TenantSettingsService;
import io.opsbot.core.tenant.UserRef;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/** A person's latest feedback on their home, and where each item stands. */
@Component
class FeedbackHome implements HomePart {

    private final FeedbackService feedback;
    private final TenantSettingsService settings;
    private final AccessPolicy access;

    FeedbackHome(FeedbackService feedback, TenantSettingsService settings, AccessPolicy access) {
        this.feedback = feedback;
        this.settings = settings;
        this.access = access;
    }

    @Override
    public List<HomeItem> homeItems(UserRef user, ZoneId zone, Instant now) {
        List<HomeItem> items = new ArrayList<>(feedback.recentByReporter(user).stream().map(item -> new HomeItem(
                HomeItem.Section.FEEDBACK, Markup.builder().text(item.getStatus().emoji() + " ")
                        .bold(item.reference().toString()).text(" " + Texts.shorten(item.getSummary(), 100))
                        .italic(" · " + item.getStatus().label()).build(), List.of(), false)).toList());
        if (access.has(user, Role.ADMIN)) {
            items.add(SettingsItems.channel("Triage channel", settings.triageChannel(user.tenant()), user.platform(),
                    "feedback triage here", List.of()));
        }
        return items;
    }
}
