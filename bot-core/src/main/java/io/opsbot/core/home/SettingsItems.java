package io.opsbot.core.home;

import io.opsbot.core.gateway.Destination;
import io.opsbot.core.message.Button;
import io.opsbot.core.message.Markup;
import io.opsbot.core.tenant.Platform;

import java.util.List;
import java.util.Optional;

/**
 * The lines of the admins' settings section on the home, one per feature that has them: where it posts (a channel,
 * or how to choose one) and the buttons that open its set-up forms.
 */
public final class SettingsItems {

    private SettingsItems() {
    }

    /** "Triage channel: #product-feedback", or how to choose one ({@code command} typed in that channel). */
    public static HomeItem channel(String what, Optional<Destination.Channel> channel, Platform platform,
                                   String command, List<Button> buttons) {
        Markup.Builder text = Markup.builder().bold(what + ": ");
        channel.ifPresentOrElse(c -> text.channel(c.channelId(), "chosen").text(" · ").code(platform.command(command))
                .text(" in another channel moves it"), () -> text.italic("not chosen yet").text(" · ")
                .code(platform.command(command)).text(" in the channel"));
        return new HomeItem(HomeItem.Section.SETTINGS, text.build(), buttons, false);
    }

    /** A feature's set-up forms: "Standups" with "New standup". */
    public static HomeItem forms(String what, List<Button> buttons) {
        return new HomeItem(HomeItem.Section.SETTINGS, Markup.bold(what), buttons, false);
    }
}
