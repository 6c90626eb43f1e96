package io.opsbot.core.home;

import io.opsbot.core.link.DashboardLinks;
import io.opsbot.core.message.Button;
import io.opsbot.core.message.ButtonValue;
import io.opsbot.core.message.Markup;
import io.opsbot.core.message.Message;
import io.opsbot.core.tenant.Platform;

import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/**
 * The home as one neutral message: a section per kind of item with each item's own buttons, "Share feedback", and
 * "Refresh" ({@link #REFRESH}: platforms that can refresh a message by themselves, as Teams' Universal Actions do,
 * use that action to rebuild it).
 */
public final class HomeCards {

    public static final String REFRESH = "home.refresh";
    /** "Share feedback": the feedback feature answers it with its form. */
    public static final String NEW_FEEDBACK = "home.feedback";
    /** Items shown per section; the rest are counted, with the command that lists them all. */
    static final int PER_SECTION = 5;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("EEE d MMM, HH:mm", Locale.ENGLISH);

    private HomeCards() {
    }

    public static Message card(Home home) {
        long waiting = home.waiting();
        String summary = waiting == 0 ? "Nothing is waiting for you" : waiting + (waiting == 1 ? " thing is"
                : " things are") + " waiting for you";
        Message.Builder card = Message.builder(summary).header("🏠 What is waiting for you");
        if (waiting == 0) {
            card.section(Markup.plain("Nothing needs you right now. 🎉"));
        }
        Platform platform = home.user().platform();
        for (HomeItem.Section section : HomeItem.Section.values()) {
            List<HomeItem> items = home.in(section);
            if (items.isEmpty() && section != HomeItem.Section.FEEDBACK) {
                continue;
            }
            card.divider().section(Markup.builder().bold(section.title()).build());
            for (HomeItem item : items.subList(0, Math.min(PER_SECTION, items.size()))) {
                card.section(item.text()).buttons(item.buttons());
            }
            if (items.size() > PER_SECTION) {
                card.context(Markup.builder().text("and " + (items.size() - PER_SECTION) + " more: ")
                        .code(more(section, platform)).build());
            }
            if (section == HomeItem.Section.FEEDBACK) {
                if (items.isEmpty()) {
                    card.section(Markup.builder().italic("You have not shared feedback yet.").build());
                }
                card.buttons(List.of(Button.of(NEW_FEEDBACK, "Share feedback", ButtonValue.NONE)));
            }
        }
        Markup.Builder footer = Markup.builder().text("As of " + TIME.format(home.at().atZone(home.zone())) + " "
                + home.zone().getId() + " · ").code(platform.command("home")).text(" shows this again");
        if (home.dashboardUrl() != null) {
            footer.text(" · ").link(home.dashboardUrl(), "📊 " + DashboardLinks.LABEL);
        }
        card.divider().context(footer.build());
        return card.buttons(List.of(Button.of(REFRESH, "Refresh", ButtonValue.NONE))).build();
    }

    private static String more(HomeItem.Section section, Platform platform) {
        return switch (section) {
            case CHECK_INS -> platform.command("okr") + " mine";
            case TRAININGS, ANNOUNCEMENTS -> platform.command("training") + " list";
            case FEEDBACK -> platform.command("feedback") + " list";
            case ONBOARDING -> platform.command("onboarding");
            case STANDUP -> platform.command("standup") + " list";
            case SETTINGS -> platform.command("help");
        };
    }
}
