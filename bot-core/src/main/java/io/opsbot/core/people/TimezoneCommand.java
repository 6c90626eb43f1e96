package io.opsbot.core.people;

import io.opsbot.core.conversation.Command;
import io.opsbot.core.conversation.CommandRequest;
import io.opsbot.core.conversation.Response;
import io.opsbot.core.conversation.Usage;
import org.springframework.stereotype.Component;

import java.util.List;

/** {@code timezone [Area/City]}: shows or sets the zone rituals use for me (Teams has no profile zone to read). */
@Component
public class TimezoneCommand implements Command {

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
    public List<Usage> usages() {
        return List.of(new Usage("", "show the zone I use for you"),
                new Usage("<Area/City>", "set it, e.g. Europe/Berlin or America/New_York"));
    }

    @Override
    public Response handle(CommandRequest request) {
        if (request.arguments().isEmpty()) {
            String zone = profiles.chosenZone(request.invoker().user()).map(z -> z.getId() + " (set by you)")
                    .orElseGet(() -> profiles.zone(request.invoker().user(), null) == null
                            ? "not set: rituals use their team's zone for you"
                            : profiles.zone(request.invoker().user(), null).getId() + " (from your Slack profile or Teams app)");
            return Response.privately("Your time zone: " + zone + ".");
        }
        var zone = profiles.setZone(request.invoker().user(), request.arguments());
        return Response.privately("Done: I'll use " + zone.getId() + " for you. Standups and reminders follow it "
                + "from their next occurrence.");
    }
}
