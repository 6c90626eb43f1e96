package io.opsbot.core.okr;

import io.opsbot.core.blocker.Blocker;
import io.opsbot.core.message.Block;
import io.opsbot.core.message.Button;
import io.opsbot.core.message.ButtonValue;
import io.opsbot.core.message.Field;
import io.opsbot.core.message.Markup;
import io.opsbot.core.message.Message;
import io.opsbot.core.message.MessageParts;
import io.opsbot.core.message.Texts;
import io.opsbot.core.people.NudgePreference;
import io.opsbot.core.tenant.Platform;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** How OKRs look in chat: lists with progress bars, check-in prompts and reminders, alerts, reports, the digest. */
final class OkrCards {

    static final String CHECK_IN_ACTION = "okr.checkin";
    static final String RESUME_ACTION = "okr.resume-me";
    /** Buttons per message: enough for one person's key results, few enough to stay readable. */
    static final int MAX_BUTTONS = 5;
    /** Parts of a report or digest at most: a Slack response_url takes five messages. */
    static final int MAX_PARTS = 5;
    /** Open blockers a report shows under a key result; {@code okr show} lists them all. */
    static final int MAX_BLOCKERS = 3;
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneOffset.UTC);

    private OkrCards() {
    }

    static Button checkInButton(KeyResult kr, boolean named) {
        return Button.primary(CHECK_IN_ACTION, named ? "Check in " + kr.reference() : "Check in",
                ButtonValue.of(kr.getId()));
    }

    /** One line: {@code KR-3 Cut churn · ▓▓▓▓░░░░░░ 40% · 4.2% → 3% · 🟡 at risk}. */
    static Markup.Builder keyResultLine(Markup.Builder text, KeyResult kr) {
        text.bold(kr.reference().toString()).text(" " + Texts.shorten(kr.getTitle(), 120)).newline()
                .code(Progress.bar(Progress.of(kr))).text("  " + MetricValues.format(kr, kr.getCurrent()) + " → "
                        + MetricValues.format(kr, kr.getTarget()));
        if (kr.getConfidence() != null) {
            text.text("  " + kr.getConfidence().emoji() + " " + kr.getConfidence().label());
        }
        return text;
    }

    // ---- personal -----------------------------------------------------------------------------------------------

    static Message mine(Platform platform, List<KeyResult> krs, Map<String, Objective> objectives) {
        Message.Builder message = Message.builder("Your key results").header("🎯 Your key results");
        if (krs.isEmpty()) {
            return message.section(Markup.builder().text("You own no key results in the current cycle. ")
                    .text("Admins add them with ").code(platform.command("okr") + " kr").text(".").build()).build();
        }
        for (KeyResult kr : krs) {
            Markup.Builder text = keyResultLine(Markup.builder(), kr);
            Objective objective = objectives.get(kr.getObjectiveId());
            Markup.Builder context = Markup.builder();
            if (objective != null) {
                context.text(objective.reference() + " " + Texts.shorten(objective.getTitle(), 80) + " · ");
            }
            context.text(kr.getDue() == null ? "no due date" : "due " + kr.getDue());
            context.text(" · " + (kr.getLastCheckInAt() == null ? "no check-in yet"
                    : "last check-in " + DAY.format(kr.getLastCheckInAt())));
            message.section(text.build()).context(context.build());
        }
        message.buttons(krs.stream().limit(MAX_BUTTONS).map(kr -> checkInButton(kr, true)).toList());
        return message.build();
    }

    /** The check-in prompt, with the blockers open against the key result, so the check-in can speak to them. */
    static Message prompt(KeyResult kr, Objective objective, CheckInEvery every, List<Blocker> blockers) {
        Markup.Builder text = Markup.builder().bold(kr.reference() + " " + kr.getTitle());
        if (objective != null) {
            text.newline().text("Objective: " + objective.reference() + " " + objective.getTitle());
        }
        List<Field> fields = new ArrayList<>();
        fields.add(new Field("Progress", Markup.builder().code(Progress.bar(Progress.of(kr))).build()));
        fields.add(Field.of("Current value", MetricValues.format(kr, kr.getCurrent())));
        fields.add(Field.of("Target", MetricValues.format(kr, kr.getTarget())
                + (kr.getDue() == null ? "" : " by " + kr.getDue())));
        fields.add(Field.of("Confidence", kr.getConfidence() == null ? "not rated yet"
                : kr.getConfidence().emoji() + " " + kr.getConfidence().label()));
        Message.Builder message = Message.builder("Time to check in on " + kr.reference() + ": " + kr.getTitle()
                        + " (now " + MetricValues.format(kr, kr.getCurrent()) + ")")
                .header("📈 " + every.adjective() + " check-in: " + kr.reference())
                .section(text.build(), fields);
        if (!blockers.isEmpty()) {
            Markup.Builder open = Markup.builder().bold("🚧 Open blockers (" + blockers.size() + ")");
            blockers.stream().limit(MAX_BLOCKERS).forEach(b -> open.newline().append(blocker(b)));
            message.section(open.build());
        }
        return message.buttons(List.of(checkInButton(kr, false)))
                .context(Markup.plain("Answer my questions below, or use the button for a form with the current "
                        + "value filled in."))
                .build();
    }

    static Message reminder(List<KeyResult> krs, CheckInEvery every) {
        String refs = krs.stream().map(kr -> kr.reference().toString()).collect(Collectors.joining(", "));
        Markup.Builder text = Markup.builder().text("⏰ A reminder: you have not checked in on ")
                .bold(refs).text(" this " + every.period() + " yet. It takes a minute:");
        for (KeyResult kr : krs) {
            text.newline().text("• ");
            keyResultLine(text, kr);
        }
        return Message.builder("Reminder: check in on " + refs)
                .section(text.build())
                .buttons(krs.stream().limit(MAX_BUTTONS).map(kr -> checkInButton(kr, krs.size() > 1)).toList())
                .context(Markup.plain("This is the only reminder for this " + every.period() + "."))
                .build();
    }

    /** Said once, when check-in prompts ignored in a row pause the owner: why, and one click to be asked again. */
    static Message pausedForIgnoring(NudgePreference preference, String period) {
        Markup text = Markup.builder().text("⏸️ You did not check in on your key results after "
                + preference.ignoredInARow() + " prompts in a row, so I stopped asking you. Nothing else changes: "
                + "you still own them and can check in any " + period + " with ").code("okr checkin")
                .text(" or the form.").build();
        return Message.builder("Stopped asking you to check in on your key results").section(text)
                .buttons(List.of(Button.primary(RESUME_ACTION, "Ask me again", ButtonValue.NONE)))
                .build();
    }

    static Message checkedIn(KeyResult before, CheckIn checkIn, boolean alerted) {
        Markup.Builder text = Markup.builder().text("✅ Checked in ").bold(before.reference().toString()).text(": ")
                .text(MetricValues.format(before, checkIn.getPreviousValue()) + " → "
                        + MetricValues.format(before, checkIn.getValue()) + " ")
                .code(Progress.bar(checkIn.getProgress()))
                .text(" · " + checkIn.getConfidence().emoji() + " " + checkIn.getConfidence().label() + ".");
        if (alerted) {
            text.newline().italic("The confidence drop was shared in the OKR channel.");
        }
        return Message.of(text.build());
    }

    static Message history(KeyResult kr, List<CheckIn> newestFirst, long total) {
        Markup.Builder text = Markup.builder().bold(kr.reference() + " " + kr.getTitle()).newline()
                .code(Progress.bar(Progress.of(kr))).text("  now " + MetricValues.format(kr, kr.getCurrent())
                        + ", target " + MetricValues.format(kr, kr.getTarget()));
        if (newestFirst.isEmpty()) {
            text.newline().italic("No check-ins yet.");
        }
        for (CheckIn c : newestFirst) {
            text.newline().text(DAY.format(c.getAt()) + "  " + c.getConfidence().emoji() + " "
                    + MetricValues.format(kr, c.getValue()) + " (" + Progress.percent(c.getProgress()) + "%) by "
                    + c.getByName());
            if (c.getComment() != null) {
                text.text(": ").italic(Texts.shorten(c.getComment(), 200));
            }
        }
        Message.Builder message = Message.builder("Check-ins of " + kr.reference())
                .header("🗂️ Check-ins of " + kr.reference()).section(text.build());
        if (total > newestFirst.size()) {
            message.context(Markup.plain("The latest " + newestFirst.size() + " of " + total + " check-ins."));
        }
        return message.build();
    }

    // ---- channel ------------------------------------------------------------------------------------------------

    static Message alert(KeyResult kr, Objective objective, CheckIn checkIn, Confidence before) {
        Confidence now = checkIn.getConfidence();
        String headline = now == Confidence.OFF_TRACK
                ? kr.reference() + " is off track (was " + before.label() + ")"
                : kr.reference() + " dropped to " + now.label() + " (was " + before.label() + ")";
        Markup.Builder text = Markup.builder().bold(kr.getTitle());
        if (objective != null) {
            text.newline().text("Objective: " + objective.reference() + " " + objective.getTitle());
        }
        text.newline().code(Progress.bar(checkIn.getProgress())).text("  " + MetricValues.format(kr,
                checkIn.getValue()) + " → " + MetricValues.format(kr, kr.getTarget()));
        if (checkIn.getComment() != null) {
            text.newline().text("“").italic(Texts.shorten(checkIn.getComment(), 500)).text("”");
        }
        return Message.builder(now.emoji() + " " + headline + ": " + kr.getTitle())
                .header(now.emoji() + " " + headline)
                .section(text.build())
                .context(Markup.plain("Checked in by " + checkIn.getByName() + " on " + DAY.format(checkIn.getAt())))
                .build();
    }

    /** The report, in as many parts as keep each within both platforms' message limits ({@link MessageParts}). */
    static List<Message> report(Platform platform, OkrReports.Report report) {
        String title = "OKR report · " + report.cycle().getName() + (report.team() == null ? "" : " · " + report.team());
        if (report.objectives().isEmpty()) {
            return List.of(Message.builder(title).header("📊 " + title)
                    .section(Markup.builder().text(report.team() == null ? "No objectives in this cycle yet."
                            : "No objectives of team " + report.team() + " in this cycle.")
                    .newline().text("Admins add them with ").code(platform.command("okr") + " objective")
                    .text(".").build()).build());
        }
        return MessageParts.pack(title, "📊 " + title, List.of(), objectives(report.objectives(), report.period(), false),
                MAX_PARTS, left -> Markup.plain("… and " + left + " more. Ask for one team's report to see them."));
    }

    static List<Message> digest(OkrReports.Report report) {
        String title = "Weekly OKR digest · " + report.cycle().getName();
        if (report.objectives().isEmpty()) {
            return List.of(Message.builder(title).header("🗞️ " + title).text("No objectives in this cycle yet.")
                    .build());
        }
        long checked = report.objectives().stream().flatMap(o -> o.keyResults().stream())
                .filter(s -> s.week() == KeyResultStatus.Week.CHECKED_IN).count();
        long asked = report.objectives().stream().flatMap(o -> o.keyResults().stream())
                .filter(s -> s.week() == KeyResultStatus.Week.CHECKED_IN || s.week() == KeyResultStatus.Week.MISSING)
                .count();
        Block lead = new Block.Context(Markup.plain(checked + " of " + asked
                + " key results checked in this " + report.period() + "."));
        return MessageParts.pack(title, "🗞️ " + title, List.of(lead), objectives(report.objectives(), report.period(), true),
                MAX_PARTS, left -> Markup.plain("… and " + left + " more. Ask for one team's report to see them."));
    }

    /** One group of blocks per objective: its line, its children, its key results, then who has not checked in. */
    private static List<List<Block>> objectives(List<OkrReports.ObjectiveStatus> objectives, String period,
                                                boolean digest) {
        List<List<Block>> groups = new ArrayList<>();
        for (OkrReports.ObjectiveStatus o : objectives) {
            Markup.Builder head = Markup.builder().bold(o.objective().reference() + " " + o.objective().getTitle())
                    .text("  ").code(Progress.bar(o.progress()));
            head.newline().italic("Owner " + o.ownerName()
                    + (o.objective().getTeam() == null ? "" : " · team " + o.objective().getTeam())
                    + (o.parent() == null ? "" : " · aligned with " + o.parent().reference()));
            List<Markup> lines = new ArrayList<>();
            if (o.keyResults().isEmpty() && o.children().isEmpty()) {
                lines.add(Markup.plain("No key results yet."));
            }
            for (OkrReports.Child child : o.children()) {
                lines.add(Markup.builder().text("↳ ").bold(child.objective().reference().toString())
                        .text(" " + Texts.shorten(child.objective().getTitle(), 80) + "  ")
                        .code(Progress.bar(child.progress()))
                        .text(weight(child.objective().weight()) + (child.objective().closed() ? " · closed" : ""))
                        .build());
            }
            Map<String, List<String>> missing = new LinkedHashMap<>();
            Map<String, List<String>> away = new LinkedHashMap<>();
            for (KeyResultStatus s : o.keyResults()) {
                KeyResult kr = s.keyResult();
                Markup.Builder line = Markup.builder().text(confidence(s, digest) + " ").bold(kr.reference().toString())
                        .text(" " + Texts.shorten(kr.getTitle(), 80) + "  ").code(Progress.bar(s.progress()))
                        .text(" " + MetricValues.format(kr, kr.getCurrent()) + " → " + MetricValues.format(kr,
                                kr.getTarget()) + weight(kr.weight()));
                if (digest && s.progressChange() != 0) {
                    line.text(" (" + (s.progressChange() > 0 ? "+" : "") + s.progressChange() + " pts)");
                }
                line.text(" · " + s.ownerName());
                lines.add(line.build());
                s.blockers().stream().limit(MAX_BLOCKERS).forEach(b -> lines.add(blocker(b)));
                if (s.blockers().size() > MAX_BLOCKERS) {
                    lines.add(Markup.plain("   🚧 … and " + (s.blockers().size() - MAX_BLOCKERS) + " more open "
                            + "blockers: " + kr.reference()));
                }
                if (s.week() == KeyResultStatus.Week.MISSING) {
                    missing.computeIfAbsent(s.ownerName(), k -> new ArrayList<>()).add(kr.reference().toString());
                } else if (s.week() == KeyResultStatus.Week.AWAY) {
                    away.computeIfAbsent(s.ownerName() + " (" + s.awayReason() + ")", k -> new ArrayList<>())
                            .add(kr.reference().toString());
                }
            }
            List<Block> group = new ArrayList<>(MessageParts.sections(head.build(), lines));
            List<String> notes = new ArrayList<>();
            if (!missing.isEmpty()) {
                notes.add("⏳ Not checked in this " + period + ": " + people(missing));
            }
            if (!away.isEmpty()) {
                notes.add("🌴 Away: " + people(away));
            }
            if (!notes.isEmpty()) {
                group.add(new Block.Context(Markup.plain(Texts.shorten(String.join("   ", notes),
                        MessageParts.SECTION_CHARS))));
            }
            groups.add(group);
        }
        return groups;
    }

    /** {@code 🚧 BL-3 waiting on infra · Ana, since 2026-11-30}. */
    private static Markup blocker(Blocker b) {
        return Markup.builder().text("   🚧 ").bold(b.reference().toString())
                .text(" " + Texts.shorten(b.getText(), 200) + " · " + b.getAuthorName() + ", since " + b.getRaisedOn())
                .build();
    }

    /** One key result in full: where it stands, its objective and owner, and the blockers open against it. */
    static Message show(KeyResult kr, Objective objective, String ownerName, List<Blocker> blockers) {
        Markup.Builder text = keyResultLine(Markup.builder(), kr).newline()
                .text("Owner " + ownerName + (objective == null ? "" : " · objective " + objective.reference() + " "
                        + Texts.shorten(objective.getTitle(), 80)))
                .text(" · " + (kr.getDue() == null ? "no due date" : "due " + kr.getDue()) + " · "
                        + (kr.getLastCheckInAt() == null ? "no check-in yet"
                        : "last check-in " + DAY.format(kr.getLastCheckInAt())));
        Markup.Builder open = Markup.builder().bold(blockers.isEmpty() ? "No open blockers"
                : "🚧 Open blockers (" + blockers.size() + ")");
        blockers.forEach(b -> open.newline().append(blocker(b)));
        return Message.builder(kr.reference() + " " + kr.getTitle() + (blockers.isEmpty() ? ""
                        : ": " + blockers.size() + " open blocker" + (blockers.size() == 1 ? "" : "s")))
                .header("🎯 " + kr.reference())
                .section(text.build())
                .section(open.build())
                .buttons(List.of(checkInButton(kr, false)))
                .build();
    }

    /** {@code  ×2} for a weight other than 1. */
    private static String weight(int weight) {
        return weight == 1 ? "" : " ×" + weight;
    }

    private static String confidence(KeyResultStatus s, boolean digest) {
        if (digest && s.trend().size() > 1) {
            return s.trend().stream().map(Confidence::emoji).collect(Collectors.joining("→"));
        }
        Confidence c = s.keyResult().getConfidence();
        return c == null ? "⚪" : c.emoji();
    }

    private static String people(Map<String, List<String>> byPerson) {
        return byPerson.entrySet().stream().map(e -> e.getKey() + " (" + String.join(", ", e.getValue()) + ")")
                .collect(Collectors.joining(", "));
    }
}
