package io.opsbot.core.availability;

import io.opsbot.core.conversation.Command;
import io.opsbot.core.conversation.CommandRequest;
import io.opsbot.core.conversation.Response;
import io.opsbot.core.conversation.Usage;
import io.opsbot.core.conversation.UserError;
import io.opsbot.core.settings.TenantSettingsService;
import org.springframework.stereotype.Component;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.stream.Collectors;

/** {@code holiday}: company-wide days off; every ritual skips them. */
@Component
public class HolidayCommand implements Command {

    private final TenantSettingsService settings;

    public HolidayCommand(TenantSettingsService settings) {
        this.settings = settings;
    }

    @Override
    public String name() {
        return "holiday";
    }

    @Override
    public String summary() {
        return "company holidays: no ritual nudges anyone on them";
    }

    @Override
    public List<Usage> usages() {
        return List.of(new Usage("", "list the holidays"),
                new Usage("add <YYYY-MM-DD>", "admins: add a holiday"),
                new Usage("remove <YYYY-MM-DD>", "admins: remove one"));
    }

    @Override
    public Response handle(CommandRequest request) {
        String sub = request.subcommand();
        List<LocalDate> days;
        if (sub.equals("add")) {
            days = settings.addHoliday(request.invoker().user(), date(request.rest()));
        } else if (sub.equals("remove")) {
            days = settings.removeHoliday(request.invoker().user(), date(request.rest()));
        } else if (sub.isEmpty() || sub.equals("list")) {
            days = settings.holidays(request.invoker().tenant());
        } else {
            throw new UserError("Try holiday add 2026-12-25, holiday remove 2026-12-25 or holiday list.");
        }
        return Response.privately(days.isEmpty() ? "No company holidays set."
                : "Company holidays: " + days.stream().map(LocalDate::toString).collect(Collectors.joining(", ")));
    }

    private static LocalDate date(String text) {
        try {
            return LocalDate.parse(text.strip());
        } catch (DateTimeParseException e) {
            throw new UserError("Dates are YYYY-MM-DD, e.g. 2026-12-25.");
        }
    }
}
