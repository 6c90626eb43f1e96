package io.opsbot.core.people;

import io.opsbot.core.conversation.Arg;
import io.opsbot.core.conversation.Command;
import io.opsbot.core.conversation.Invoker;
import io.opsbot.core.conversation.Response;
import io.opsbot.core.conversation.Subcommand;
import org.springframework.stereotype.Component;

import java.time.ZoneId;
import java.util.List;

/** {@code timezone [Area/City]}: shows or sets the zone rituals use for me (Teams has no profile zone to read). */
@Component
public class TimezoneCommand implements Command {

    private static final String ZONE = "Area/City";

    private final ProfileService profiles;

    public TimezoneCommand(ProfileService profiles) {
        this.profiles = profiles;
    }

    @Override
    public String name() {
        return "timezone";
    }

    @Override
    public String summary() {
        return "show or set your time zone for standups, check-ins and reminders";
    }

    @Override
    public List<Subcommand> subcommands() {
        return List.of(
                Subcommand.bare().help("show the zone I use for you").handledBy((invoker, args) -> show(invoker)),
                Subcommand.bare().args(Arg.zone(ZONE)).help("set it, e.g. Europe/Berlin or America/New_York")
                        .handledBy((invoker, args) -> {
                            ZoneId zone = profiles.setZone(invoker.user(), args.zone(ZONE).getId());
                            return Response.privately("Done: I'll use " + zone.getId() + " for you. Standups and "
                                    + "reminders follow it from their next occurrence.");
                        }));
    }

    private Response show(Invoker invoker) {
        String zone = profiles.chosenZone(invoker.user()).map(z -> z.getId() + " (set by you)")
                .orElseGet(() -> profiles.zone(invoker.user(), null) == null
                        ? "not set: rituals use their team's zone for you"
                        : profiles.zone(invoker.user(), null).getId() + " (from your Slack profile or Teams app)");
        return Response.privately("Your time zone: " + zone + ".");
    }
}
