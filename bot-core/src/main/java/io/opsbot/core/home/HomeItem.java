package io.opsbot.core.home;

import io.opsbot.core.message.Button;
import io.opsbot.core.message.Markup;

import java.util.List;
import java.util.Objects;

/**
 * One thing on a person's home: what it is, one line about it, and the buttons that act on it (the feature's own
 * buttons, so a click does what it does anywhere else). {@code waiting} is true when it needs the person.
 */
public record HomeItem(Section section, Markup text, List<Button> buttons, boolean waiting) {

    /** The home's sections, in the order they are shown. */
    public enum Section {
        STANDUP("🗓️ Today's standup"),
        CHECK_INS("🎯 Key results to check in"),
        ONBOARDING("🧭 Onboarding"),
        TRAININGS("🎓 Trainings to answer"),
        ANNOUNCEMENTS("📣 Announcements to acknowledge"),
        FEEDBACK("💬 Your feedback"),
        /** Admins only: where the rituals post, and the set-up forms. */
        SETTINGS("⚙️ Settings (admins)");

        private final String title;

        Section(String title) {
            this.title = title;
        }

        public String title() {
            return title;
        }
    }

    public HomeItem {
        Objects.requireNonNull(section, "section");
        Objects.requireNonNull(text, "text");
        buttons = buttons == null ? List.of() : List.copyOf(buttons);
    }
}
