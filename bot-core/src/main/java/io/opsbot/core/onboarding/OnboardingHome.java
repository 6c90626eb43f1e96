package io.opsbot.core.onboarding;

import io.opsbot.core.access.AccessPolicy;
import io.opsbot.core.access.Role;
import io.opsbot.core.home.HomeItem;
import io.opsbot.core.home.HomePart;
import io.opsbot.core.home.SettingsItems;
import io.opsbot.core.message.ButtonValue;
import io.opsbot.core.message.Button;
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

/** The next open step of each onboarding under way on its person's home, or when the next one arrives. */
@Component
class OnboardingHome implements HomePart {

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("EEE d MMM", Locale.ENGLISH);

    private final OnboardingService onboarding;
    private final OnboardingSettings settings;
    private final AccessPolicy access;

    OnboardingHome(OnboardingService onboarding, OnboardingSettings settings, AccessPolicy access) {
        this.onboarding = onboarding;
        this.settings = settings;
        this.access = access;
    }

    @Override
    public List<HomeItem> homeItems(UserRef user, ZoneId zone, Instant now) {
        List<HomeItem> items = new ArrayList<>();
        for (OnboardingRun run : onboarding.runsOf(user)) {
            if (run.getStatus() != OnboardingRun.Status.ACTIVE || run.allComplete()) {
                continue;
            }
            int step = run.focus();
            Markup.Builder text = Markup.builder().bold(run.getTrackTitle());
            if (run.released(step) && !run.complete(step)) {
                text.text(" · step " + (step + 1) + " of " + run.size() + ": ")
                        .text(Texts.shorten(run.step(step).title(), 120));
                items.add(new HomeItem(HomeItem.Section.ONBOARDING, text.build(), List.of(Button.primary(
                        OnboardingActions.SHOW_STEP, "Open step " + (step + 1), OnboardingActions.step(run, step))),
                        true));
            } else {
                onboarding.nextArrival(run).ifPresent(at -> items.add(new HomeItem(HomeItem.Section.ONBOARDING,
                        text.text(" · " + run.completeCount() + " of " + run.size() + " done; the next step "
                                + "arrives " + DAY.format(at.atZone(zone))).build(), List.of(), false)));
            }
        }
        if (access.has(user, Role.ADMIN)) {
            items.add(SettingsItems.channel("Onboarding channel", settings.joinChannel(user.tenant()),
                    user.platform(), "onboarding channel here", List.of(Button.of(OnboardingActions.NEW_TRACK,
                            "New track", ButtonValue.NONE))));
        }
        return items;
    }
}
