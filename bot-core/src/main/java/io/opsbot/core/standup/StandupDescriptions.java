package io.opsbot.core.standup;

import io.opsbot.core.tenant.UserRef;

import java.time.DayOfWeek;
import java.time.format.TextStyle;
import java.util.EnumSet;
import java.util.Locale;
import java.util.stream.Collectors;

/** Plain-language schedule descriptions ("Mon-Fri at 09:00 Europe/Berlin"). */
final class StandupDescriptions {

    private StandupDescriptions() {
    }

    static String when(Standup standup) {
        String zone = standup.getZoneMode() == ZoneMode.PARTICIPANT ? "each person's time zone"
                : standup.getTeamZone();
        return days(standup) + " at " + standup.getTime() + " (" + zone + ")";
    }

    /** What the audit log keeps of a standup's set-up, to compare before and after an edit. */
    static String setUp(Standup standup) {
        return standup.getName() + ": " + when(standup) + "; report in " + standup.getReportChannel().channelId()
               + "; participants " + standup.getParticipants().stream().map(UserRef::userId)
                       .collect(Collectors.joining(" "))
               + (standup.getMembersOf() == null ? "" : " and members of " + standup.getMembersOf().channelId())
               + "; managers " + standup.getManagers().stream().map(UserRef::userId).collect(Collectors.joining(" "))
               + "; " + standup.getQuestions().size() + " questions; reminder " + standup.getReminderMinutes()
               + " min; closes after " + standup.getCutoffMinutes() / 60 + " h";
    }

    static String days(Standup standup) {
        if (standup.getDays().equals(EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY))) {
            return "Mon-Fri";
        }
        if (standup.getDays().size() == 7) {
            return "every day";
        }
        return standup.getDays().stream().sorted().map(d -> d.getDisplayName(TextStyle.SHORT, Locale.ENGLISH))
                .collect(Collectors.joining(", "));
    }
}
