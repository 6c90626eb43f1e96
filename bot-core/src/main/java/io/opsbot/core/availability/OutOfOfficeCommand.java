package io.opsbot.core.availability;

import io.opsbot.core.conversation.Command;
import io.opsbot.core.conversation.CommandRequest;
import io.opsbot.core.conversation.Response;
import io.opsbot.core.conversation.Usage;
import io.opsbot.core.conversation.UserError;
import io.opsbot.core.people.DateRange;
import io.opsbot.core.people.PersonProfile;
import io.opsbot.core.people.ProfileService;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.stream.Collectors;

/** {@code ooo}: personal time off. No standup, check-in or reminder nudges anyone on a day they are away. */
@Component
public class OutOfOfficeCommand implements Command {

    private final ProfileService profiles;
    private final Clock clock;

    public OutOfOfficeCommand(ProfileService profiles, Clock clock) {
        this.profiles = profiles;
        this.clock = clock;
    }

    @Override
    public String name() {
        return "ooo";
    }

    @Override
    public String summary() {
        return "tell me when you are out of office, so rituals leave you alone";
    }

    @Override
    public List<Usage> usages() {
        return List.of(new Usage("<from> [to]", "away on these dates (YYYY-MM-DD), e.g. ooo 2026-12-24 2027-01-02"),
                new Usage("list", "your time off"), new Usage("clear", "remove all your time off"));
    }

    @Override
    public Response handle(CommandRequest request) {
        String sub = request.subcommand();
        if (sub.isEmpty() || sub.equals("list")) {
            List<DateRange> ranges = profiles.find(request.invoker().user()).map(PersonProfile::getOutOfOffice)
                    .orElse(List.of());
            LocalDate today = LocalDate.now(clock.withZone(ZoneOffset.UTC));
            String text = ranges.stream().filter(r -> !r.to().isBefore(today))
                    .map(r -> r.from().equals(r.to()) ? r.from().toString() : r.from() + " to " + r.to())
                    .collect(Collectors.joining(", "));
            return Response.privately(text.isEmpty() ? "No time off planned." : "Your time off: " + text + ".");
        }
        if (sub.equals("clear")) {
            profiles.clearOutOfOffice(request.invoker().user());
            return Response.privately("Your time off is cleared.");
        }
        String[] parts = request.arguments().replace(" to ", " ").split("\\s+");
        LocalDate from = date(parts[0]);
        LocalDate to = parts.length > 1 ? date(parts[1]) : from;
        if (to.isBefore(from)) {
            throw new UserError("The end date is before the start date.");
        }
        profiles.addOutOfOffice(request.invoker().user(), new DateRange(from, to));
        return Response.privately("Enjoy! I won't nudge you from " + from + " to " + to + ".");
    }

    private static LocalDate date(String text) {
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            throw new UserError("Dates are YYYY-MM-DD, e.g. ooo 2026-12-24 2027-01-02.");
        }
    }
}
