package io.opsbot.core.availability;

import io.opsbot.core.admin.OpsbotPart;
import io.opsbot.core.conversation.Arg;
import io.opsbot.core.conversation.Arguments;
import io.opsbot.core.conversation.Invoker;
import io.opsbot.core.conversation.Response;
import io.opsbot.core.conversation.Subcommand;
import io.opsbot.core.conversation.UserError;
import io.opsbot.core.people.DateRange;
import io.opsbot.core.people.PersonProfile;
import io.opsbot.core.people.ProfileService;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Collectors;

/** {@code /opsbot ooo}: personal time off. No standup, check-in or reminder nudges anyone on a day they are away. */
@Component
public class OutOfOfficeSubcommands implements OpsbotPart {

    private static final String FIRST = "first day";
    private static final String LAST = "last day";

    private final ProfileService profiles;
    private final Clock clock;

    public OutOfOfficeSubcommands(ProfileService profiles, Clock clock) {
        this.profiles = profiles;
        this.clock = clock;
    }

    @Override
    public List<Subcommand> subcommands() {
        return List.of(
                Subcommand.named("ooo").help("your time off: rituals leave you alone on those days")
                        .handledBy((invoker, args) -> list(invoker)),
                Subcommand.named("ooo").args(Arg.literal("clear")).help("remove all your time off")
                        .handledBy((invoker, args) -> {
                    profiles.clearOutOfOffice(invoker.user());
                    return Response.privately("Your time off is cleared.");
                }),
                Subcommand.named("ooo").args(Arg.date(FIRST), Arg.literal("to").optional(), Arg.date(LAST).optional())
                        .help("away from the first to the last day (YYYY-MM-DD), e.g. ooo 2026-12-24 to 2027-01-02")
                        .handledBy(this::away));
    }

    private Response away(Invoker invoker, Arguments args) {
        LocalDate from = args.date(FIRST);
        LocalDate to = args.optionalDate(LAST).orElse(from);
        if (to.isBefore(from)) {
            throw new UserError("The end date is before the start date.");
        }
        profiles.addOutOfOffice(invoker.user(), new DateRange(from, to));
        return Response.privately("Enjoy! I won't nudge you from " + from + " to " + to + ".");
    }

    private Response list(Invoker invoker) {
        List<DateRange> ranges = profiles.find(invoker.user()).map(PersonProfile::getOutOfOffice).orElse(List.of());
        LocalDate today = LocalDate.now(clock.withZone(ZoneOffset.UTC));
        String text = ranges.stream().filter(r -> !r.to().isBefore(today))
                .map(r -> r.from().equals(r.to()) ? r.from().toString() : r.from() + " to " + r.to())
                .collect(Collectors.joining(", "));
        return Response.privately(text.isEmpty() ? "No time off planned." : "Your time off: " + text + ".");
    }
}
