package io.opsbot.core.availability;

import io.opsbot.core.access.Role;
import io.opsbot.core.conversation.Arg;
import io.opsbot.core.conversation.Command;
import io.opsbot.core.conversation.Response;
import io.opsbot.core.conversation.Subcommand;
import io.opsbot.core.settings.TenantSettingsService;
import org.springframework.stereotype.Component;

import java.time.LocalDate;
import java.util.List;
import java.util.stream.Collectors;

/** {@code holiday}: company-wide days off; every ritual skips them. */
@Component
public class HolidayCommand implements Command {

    private static final String DATE = "YYYY-MM-DD";
    private static final String CHANGE = "change the company holidays";

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
    public List<Subcommand> subcommands() {
        return List.of(
                Subcommand.named("list").alias("").help("list the holidays")
                        .handledBy((invoker, args) -> reply(settings.holidays(invoker.tenant()))),
                Subcommand.named("add").args(Arg.date(DATE)).help("add a holiday").role(Role.ADMIN, CHANGE)
                        .handledBy((invoker, args) -> reply(settings.addHoliday(invoker.actor(),
                                args.date(DATE)))),
                Subcommand.named("remove").args(Arg.date(DATE)).help("remove one").role(Role.ADMIN, CHANGE)
                        .handledBy((invoker, args) -> reply(settings.removeHoliday(invoker.actor(),
                                args.date(DATE)))));
    }

    private static Response reply(List<LocalDate> days) {
        return Response.privately(days.isEmpty() ? "No company holidays set."
                : "Company holidays: " + days.stream().map(LocalDate::toString).collect(Collectors.joining(", ")));
    }
}
