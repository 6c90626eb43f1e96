package io.opsbot.core.admin;

import io.opsbot.core.audit.AuditEntry;
import io.opsbot.core.audit.AuditLog;
import io.opsbot.core.message.Markup;
import io.opsbot.core.message.Message;
import io.opsbot.core.message.Texts;
import io.opsbot.core.tenant.Platform;
import io.opsbot.core.tenant.UserRef;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/** What the {@code opsbot} command shows: who holds which role, and a page of the audit log. */
final class AdminCards {

    /** Values in the listing are cut here; the stored entry keeps more. */
    static final int VALUE_SHOWN = 80;
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    private AdminCards() {
    }

    static Message roles(Platform platform, Set<UserRef> configured, Set<UserRef> admins, Set<UserRef> triagers,
                         Set<UserRef> managers, Function<UserRef, String> names) {
        Markup.Builder text = Markup.builder().bold("Roles in this " + platform.tenantNoun());
        people(text.newline().text("Admins (everything, including roles and settings): "),
                admins.stream().filter(a -> !configured.contains(a)).toList(), names);
        if (!configured.isEmpty()) {
            people(text.text("; by configuration: "), List.copyOf(configured), names);
        }
        people(text.newline().text("Triagers (feedback status): "), List.copyOf(triagers), names);
        people(text.newline().text("Managers (their teams' standups, OKRs and onboarding): "), List.copyOf(managers),
                names);
        text.newline().text("Admins change them with ").code(platform.command("opsbot") + " roles add triager @person")
                .text(" or ").code(platform.command("opsbot") + " roles remove manager @person").text(".");
        return Message.of(text.build());
    }

    private static void people(Markup.Builder text, List<UserRef> people, Function<UserRef, String> names) {
        if (people.isEmpty()) {
            text.italic("nobody");
            return;
        }
        List<UserRef> sorted = people.stream().sorted(Comparator.comparing(UserRef::userId)).toList();
        for (int i = 0; i < sorted.size(); i++) {
            text.text(i == 0 ? "" : ", ").mention(sorted.get(i), names.apply(sorted.get(i)));
        }
    }

    /** A page of the log, newest first, each line: when, who (and where), what, before → after. */
    static Message audit(Platform platform, AuditLog.Page page, ZoneId zone, Function<UserRef, String> names) {
        if (page.total() == 0) {
            return Message.text("Nothing has been changed here yet: role, settings, feedback, standup, OKR, "
                    + "onboarding and training changes will be listed as they are made.");
        }
        Message.Builder message = Message.builder("Audit log, page " + page.page() + " of " + page.pages())
                .section(Markup.builder().bold("Audit log").text(" · page " + page.page() + " of " + page.pages()
                        + " · " + page.total() + " changes, newest first · times in " + zone.getId()).build());
        for (AuditEntry entry : page.entries()) {
            message.section(line(entry, zone, names));
        }
        if (page.page() < page.pages()) {
            message.context(Markup.builder().text("Older: ")
                    .code(platform.command("opsbot") + " audit " + (page.page() + 1)).build());
        }
        return message.build();
    }

    private static Markup line(AuditEntry entry, ZoneId zone, Function<UserRef, String> names) {
        Markup.Builder text = Markup.builder().code(WHEN.format(entry.getAt().atZone(zone))).text(" ")
                .bold(entry.getActorName()).text(" (" + via(entry.getVia()) + ") ").code(entry.getAction())
                .text(" ");
        if (entry.getPerson() != null) {
            text.text(names.apply(entry.getPerson()) + " (" + entry.getSubject() + ")");
        } else if (entry.getSubject() != null) {
            text.text(entry.getSubject());
        }
        if (entry.getBefore() != null || entry.getAfter() != null) {
            // Long values that begin alike (a list of areas, a standup's set-up) are shown from where they differ.
            int same = sharedStart(entry.getBefore(), entry.getAfter());
            text.text(": ").text(shown(entry.getBefore(), same)).text(" → ").text(shown(entry.getAfter(), same));
        }
        return text.build();
    }

    private static String shown(String value, int from) {
        return value == null ? "none" : Texts.shorten((from > 0 ? Texts.ELLIPSIS : "")
                + value.substring(from).stripLeading(), VALUE_SHOWN);
    }

    /** Where two long values start to differ, backed up to a word; 0 when they are short or differ early. */
    static int sharedStart(String before, String after) {
        if (before == null || after == null || before.length() + after.length() <= VALUE_SHOWN) {
            return 0;
        }
        int same = 0;
        int max = Math.min(before.length(), after.length());
        while (same < max && before.charAt(same) == after.charAt(same)) {
            same++;
        }
        int word = Math.max(before.lastIndexOf(' ', Math.min(same, before.length() - 1)), 0);
        return word < 12 ? 0 : word;
    }

    private static String via(String via) {
        for (Platform platform : Platform.values()) {
            if (platform.name().equals(via)) {
                return platform.displayName();
            }
        }
        return via;
    }
}
