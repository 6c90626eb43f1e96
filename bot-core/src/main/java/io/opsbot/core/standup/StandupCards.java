package io.opsbot.core.standup;

import io.opsbot.core.message.Button;
import io.opsbot.core.message.ButtonValue;
import io.opsbot.core.message.Field;
import io.opsbot.core.message.Markup;
import io.opsbot.core.message.Message;
import io.opsbot.core.message.Texts;
import io.opsbot.core.people.NudgePreference;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/** How standups look in chat: the daily summary, each report, the prompt, the reminder. */
final class StandupCards {

    static final String ANSWER_ACTION = "standup.answer";
    static final String SKIP_ACTION = "standup.skip";
    static final String RESUME_ACTION = "standup.resume-me";
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("EEE d MMM yyyy", Locale.ENGLISH);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm", Locale.ENGLISH);
    private static final int ANSWER_LIMIT = 1500;

    private StandupCards() {
    }

    static Message summary(StandupRun run, List<Attendance> people, List<Question> questions) {
        List<Attendance> sorted = new ArrayList<>(people);
        sorted.sort(Comparator.comparing(Attendance::getStatus).thenComparing(a -> a.getDisplayName().toLowerCase()));
        long answered = people.stream().filter(a -> a.getStatus() == AttendanceStatus.ANSWERED).count();
        long expected = people.stream().filter(a -> a.getStatus() != AttendanceStatus.AWAY
                && a.getStatus() != AttendanceStatus.SKIPPED).count();
        Message.Builder card = Message.builder(run.getStandupName() + " · " + DAY.format(run.getDate()) + ": "
                        + answered + " of " + expected + " answered")
                .header("🗓️ " + run.getStandupName() + " · " + DAY.format(run.getDate()));
        card.section(Markup.builder().bold(answered + " of " + expected + " answered").text("  ")
                .code(bar(answered, expected)).build());
        Markup.Builder list = Markup.builder();
        for (Attendance a : sorted) {
            if (!list.isEmpty()) {
                list.newline();
            }
            list.text(a.getStatus().emoji() + " ").mention(a.getUser(), a.getDisplayName())
                    .italic(" " + (a.getReason() != null ? a.getReason() : a.getStatus().label()));
        }
        if (!list.isEmpty()) {
            card.section(list.build());
        }
        List<Markup> blockers = blockers(people, questions);
        if (!blockers.isEmpty()) {
            Markup.Builder text = Markup.builder().bold("🚧 Blockers");
            blockers.forEach(b -> text.newline().append(b));
            card.section(text.build());
        }
        card.context(Markup.plain(run.isClosed() ? "Final: the answer windows have closed."
                : "Reports are in this thread as they come in."));
        return card.build();
    }

    static Message report(Attendance a, StandupRun run, List<Question> questions) {
        boolean blocked = false;
        Message.Builder card = Message.builder(a.getDisplayName() + "'s standup update");
        card.section(Markup.builder().mention(a.getUser(), a.getDisplayName()).text(" · " + run.getStandupName())
                .italic(a.getEditedAt() != null ? " (edited)" : "").build());
        List<Field> fields = new ArrayList<>();
        List<Integer> blockers = Question.blockers(questions, a.getAnswers());
        for (int i = 0; i < questions.size(); i++) {
            Question q = questions.get(i);
            String answer = i < a.getAnswers().size() ? a.getAnswers().get(i) : "";
            if (blockers.contains(i)) {
                blocked = true;
                card.section(Markup.builder().bold("🚧 " + q.text()).newline()
                        .text(Texts.shorten(q.display(answer), ANSWER_LIMIT)).build());
            } else if (q.kind() == QuestionKind.MOOD) {
                fields.add(Field.of(q.text(), answer.isBlank() ? null : mood(answer)));
            } else if (answer.isBlank() && (!q.isRequired() || q.condition() != null)) {
                // Left out, or not asked because its condition did not hold: nothing to show.
                continue;
            } else if (!q.isTypedText()) {
                fields.add(Field.of(q.text(), answer.isBlank() ? null : q.display(answer)));
            } else {
                card.section(Markup.builder().bold(q.text()).newline()
                        .append(answer.isBlank() ? Markup.builder().italic("no answer").build()
                                : Markup.plain(Texts.shorten(answer, ANSWER_LIMIT))).build());
            }
        }
        if (!fields.isEmpty()) {
            card.section(Markup.plain(""), fields);
        }
        if (blocked) {
            return new Message("🚧 " + a.getDisplayName() + " is blocked", card.build().blocks());
        }
        return card.build();
    }

    static Message opening(Standup standup, Attendance a, List<Question> questions) {
        ZoneId zone = ZoneId.of(a.getZone());
        Markup text = Markup.builder().text("☀️ Time for ").bold(standup.getName()).text(" (")
                .text(DAY.format(a.getPromptAt().atZone(zone))).text(").").newline()
                .text("Answer here, one message per question (").code("skip").text(" skips an optional one, ")
                .code("cancel").text(" stops), or use the form. Answers are open until ").bold(time(a.getCutoffAt(), zone))
                .text(".").newline().newline().append(question(questions, 0)).build();
        return Message.builder("Time for " + standup.getName() + ": " + questions.get(0).text())
                .section(text)
                .buttons(List.of(Button.primary(ANSWER_ACTION, "Answer in a form", ButtonValue.of(a.getRunId())),
                        Button.of(SKIP_ACTION, "Skip today", ButtonValue.of(a.getRunId()))))
                .build();
    }

    /** "2/5 Area" and how to answer it when it is not free text: the options, yes/no, 1-5, a number, or skip. */
    static Markup question(List<Question> questions, int index) {
        Question q = questions.get(index);
        Markup.Builder text = Markup.builder().bold((index + 1) + "/" + questions.size()).text(" " + q.text());
        switch (q.kind()) {
            case YES_NO -> text.italic(" (yes or no)");
            case SCALE -> text.italic(" (1 to 5)");
            case NUMBER -> text.italic(" (a number)");
            case CHOICE -> text.newline().text("Reply with one of: " + q.numbered());
            case MULTI -> text.newline().text("Reply with one or more, separated by commas: " + q.numbered());
            default -> {
            }
        }
        if (!q.isRequired()) {
            text.italic(" (optional)");
        }
        return text.build();
    }

    static Message thanks(Attendance a, Standup standup) {
        Markup text = Markup.builder().text("✅ Thanks! Your update is posted for ").bold(standup.getName())
                .text(". You can change it until ").bold(time(a.getCutoffAt(), ZoneId.of(a.getZone()))).text(".")
                .build();
        return Message.builder("Thanks! Your standup update is posted.").section(text)
                .buttons(List.of(Button.of(ANSWER_ACTION, "Edit answers", ButtonValue.of(a.getRunId())))).build();
    }

    static Message reminder(Standup standup, Attendance a) {
        Markup text = Markup.builder().text("⏰ Reminder: ").bold(standup.getName()).text(" closes at ")
                .bold(time(a.getCutoffAt(), ZoneId.of(a.getZone()))).text(". Reply here to answer, or use the form.")
                .build();
        return Message.builder("Reminder: " + standup.getName() + " closes soon").section(text)
                .buttons(List.of(Button.primary(ANSWER_ACTION, "Answer in a form", ButtonValue.of(a.getRunId())),
                        Button.of(SKIP_ACTION, "Skip today", ButtonValue.of(a.getRunId()))))
                .build();
    }

    static Message newBlocker(Standup standup, Attendance a, String blocker) {
        return Message.builder("🚧 " + a.getDisplayName() + " is blocked (" + standup.getName() + ")")
                .section(Markup.builder().text("🚧 ").mention(a.getUser(), a.getDisplayName())
                        .text(" is blocked · ").bold(standup.getName()).newline()
                        .text(Texts.shorten(blocker.strip(), ANSWER_LIMIT)).build())
                .build();
    }

    /** Said once, when a person's ignored prompts pause them: why, and one click to be asked again. */
    static Message pausedForIgnoring(Standup standup, NudgePreference preference) {
        Markup text = Markup.builder().text("⏸️ You did not answer ").bold(standup.getName()).text(" "
                        + preference.ignoredInARow() + " times in a row, so I stopped asking you. Nothing else "
                        + "changes: you stay in it and can answer any day with the form.").build();
        return Message.builder("Stopped asking you for " + standup.getName()).section(text)
                .buttons(List.of(Button.primary(RESUME_ACTION, "Ask me again", ButtonValue.of(standup.getId()))))
                .build();
    }

    static String time(Instant instant, ZoneId zone) {
        return TIME.format(instant.atZone(zone)) + " " + zone.getId();
    }

    static String day(LocalDate date) {
        return DAY.format(date);
    }

    static String bar(long done, long total) {
        int filled = total == 0 ? 0 : (int) Math.round(10.0 * done / total);
        return "▓".repeat(filled) + "░".repeat(10 - filled);
    }

    private static List<Markup> blockers(List<Attendance> people, List<Question> questions) {
        List<Markup> blockers = new ArrayList<>();
        for (Attendance a : people) {
            for (int i : Question.blockers(questions, a.getAnswers())) {
                blockers.add(Markup.builder().mention(a.getUser(), a.getDisplayName()).text(": ")
                        .text(Texts.shorten(questions.get(i).blockerText(a.getAnswers().get(i)), 300)).build());
            }
        }
        return blockers;
    }

    private static String mood(String answer) {
        String[] faces = {"😫", "🙁", "😐", "🙂", "😄"};
        try {
            int value = Integer.parseInt(answer.strip());
            return value + "/5 " + faces[Math.max(1, Math.min(5, value)) - 1];
        } catch (NumberFormatException e) {
            return answer;
        }
    }
}
