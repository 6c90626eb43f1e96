package io.opsbot.core.availability;

import io.opsbot.core.access.Role;
import io.opsbot.core.admin.OpsbotPart;
import io.opsbot.core.conversation.Arg;
import io.opsbot.core.conversation.Response;
import io.opsbot.core.conversation.Subcommand;
import io.opsbot.core.settings.TenantSettingsService;
import org.springframework.stereotype.Component;

import java.time.LocalDate;
import java.util.List;
import java.util.stream.Collectors;

/** {@code /opsbot holiday [add|remove <date>]}: company-wide days off; every ritual skips them. */
@Component
public class HolidaySubcommands implements OpsbotPart {

    private static final String DATE = "YYYY-MM-DD";
    private static final String CHANGE = "change the company holidays";

    private final TenantSettingsService settings;

    public HolidaySubcommands(TenantSettingsService settings) {
        this.settings = settings;
    }

    @Override
    public List<Subcommand> subcommands() {
        return List.of(
                Subcommand.named("holiday").help("the company holidays: no ritual nudges anyone on them")
                        .handledBy((invoker, args) -> reply(settings.holidays(invoker.tenant()))),
                Subcommand.named("holiday").args(Arg.literal("add"), Arg.date(DATE)).help("add a company holiday")
                        .role(Role.ADMIN, CHANGE)
                        .handledBy((invoker, args) -> reply(settings.addHoliday(invoker.actor(),
                                args.date(DATE)))),
                Subcommand.named("holiday").args(Arg.literal("remove"), Arg.date(DATE))
                        .help("remove a company holiday").role(Role.ADMIN, CHANGE)
                        .handledBy((invoker, args) -> reply(settings.removeHoliday(invoker.actor(),
                                args.date(DATE)))));
    }

    private static Response reply(List<LocalDate> days) {
        return Response.privately(days.isEmpty() ? "No company holidays set."
                : "Company holidays: " + days.stream().map(LocalDate::toString).collect(Collectors.joining(", ")));
    }
}
