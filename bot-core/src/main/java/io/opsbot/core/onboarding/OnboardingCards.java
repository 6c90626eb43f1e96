package io.opsbot.core.onboarding;

import io.opsbot.core.message.Button;
import io.opsbot.core.message.ButtonValue;
import io.opsbot.core.message.Markup;
import io.opsbot.core.message.Message;
import io.opsbot.core.message.Texts;
import io.opsbot.core.tenant.Platform;

import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** How onboarding looks in chat: the step card (Done / Back / Next), reminders, progress and status lists. */
final class OnboardingCards {

    static final String DONE = "onboarding.done";
    static final String SHOW = "onboarding.show";
    static final String ANSWER = "onboarding.answer";
    static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("EEE d MMM", Locale.ENGLISH);

    private OnboardingCards() {
    }

    /** A button value: the run and a step index. */
    static ButtonValue value(OnboardingRun run, int index) {
        return ButtonValue.of(run.getId(), String.valueOf(index));
    }

    /** A quiz button's value: the run and "step:choice". */
    static ButtonValue answerValue(OnboardingRun run, int index, int choice) {
        return ButtonValue.of(run.getId(), index + ":" + choice);
    }

    /** One step, with where it sits in the track and the buttons to tick it and move between arrived steps. */
    static Message step(OnboardingRun run, int index, Optional<Instant> nextArrival) {
        OnboardingStep step = run.step(index);
        boolean done = run.done(index);
        String position = "Step " + (index + 1) + " of " + run.size();
        Message.Builder card = Message.builder(position + ": " + step.title())
                .header((done ? "✅ " : "") + Texts.shorten(step.title(), 120))
                .context(Markup.builder().bold(position).text(" · " + run.getTrackTitle() + " · "
                        + DayOffset.label(step.day())).build());
        if (!step.body().isBlank()) {
            card.section(Markup.plain(step.body()));
        }
        if (step.link() != null) {
            card.section(Markup.builder().text("🔗 ").link(step.link(), step.link()).build());
        }
        StepQuiz quiz = step.quiz();
        List<Button> choices = new ArrayList<>();
        if (quiz != null) {
            Markup.Builder question = Markup.builder().text("❓ ").bold(quiz.question());
            Optional<Integer> answer = run.answer(index);
            if (answer.isPresent()) {
                question.newline().text(quiz.verdict(answer.get()) + " Your answer: " + quiz.choices().get(answer.get()));
                if (quiz.hasAnswer() && answer.get() != quiz.correct()) {
                    question.text(" · the right answer: " + quiz.choices().get(quiz.correct()));
                }
            } else {
                for (int c = 0; c < quiz.choices().size(); c++) {
                    choices.add(Button.of(ANSWER, quiz.choices().get(c), answerValue(run, index, c)));
                }
            }
            card.section(question.build());
        }
        card.buttons(choices);
        card.context(progress(run));
        Markup.Builder state = Markup.builder();
        if (done) {
            state.text("✅ Done. ");
        } else if (step.requiresAck()) {
            state.text("☑️ Press Done once you've done this. ");
        }
        if (run.allComplete()) {
            state.bold("🎉 You've finished " + run.getTrackTitle() + "!");
        } else if (index + 1 >= run.size() || !run.released(index + 1)) {
            nextArrival.ifPresent(at -> state.text("Your next step arrives on "
                    + DAY.format(at.atZone(run.zone())) + "."));
        }
        if (!state.isEmpty()) {
            card.section(state.build());
        }
        List<Button> buttons = new ArrayList<>();
        if (index > 0) {
            buttons.add(Button.of(SHOW, "◀ Back", value(run, index - 1)));
        }
        if (!done) {
            buttons.add(Button.primary(DONE, "Done", value(run, index)));
        }
        if (index + 1 < run.size() && run.released(index + 1)) {
            buttons.add(done ? Button.primary(SHOW, "Next ▶", value(run, index + 1))
                    : Button.of(SHOW, "Next ▶", value(run, index + 1)));
        }
        return card.buttons(buttons).build();
    }

    /** "●●●○○ 3 of 5 done". */
    static Markup progress(OnboardingRun run) {
        StringBuilder dots = new StringBuilder();
        for (int i = 0; i < run.size(); i++) {
            dots.append(run.complete(i) ? "●" : run.released(i) ? "◐" : "○");
        }
        return Markup.plain(dots + "  " + run.completeCount() + " of " + run.size() + " done");
    }

    static Message overdue(OnboardingRun run, int index) {
        OnboardingStep step = run.step(index);
        return Message.builder("Reminder: " + step.title() + " is still open")
                .section(Markup.builder().text("⏰ A friendly reminder: ").bold(step.title())
                        .text(" (step " + (index + 1) + " of " + run.size() + ", " + run.getTrackTitle()
                                + ") is still waiting for you.").build())
                .buttons(List.of(Button.primary(SHOW, "Open step " + (index + 1), value(run, index))))
                .build();
    }

    /** To the hire's buddy and manager: one of their steps is overdue. */
    static Message overdueNotice(OnboardingRun run, int index) {
        OnboardingStep step = run.step(index);
        return Message.of(Markup.builder().text("⏰ ").mention(run.getUser(), run.getUserName())
                .text("'s onboarding step ").bold(step.title())
                .text(" (step " + (index + 1) + " of " + run.size() + ", " + run.getTrackTitle()
                        + ") is overdue. A quick check-in may help.").build());
    }

    static Message finishedNotice(OnboardingRun run) {
        long days = java.time.temporal.ChronoUnit.DAYS.between(run.getStartDate(),
                (run.getFinishedAt() == null ? run.getStartedAt() : run.getFinishedAt()).atZone(run.zone()).toLocalDate())
                + 1;
        return Message.of(Markup.builder().text("🎉 ").mention(run.getUser(), run.getUserName())
                .text(" finished onboarding track ").bold(run.getTrackTitle())
                .text(" (" + run.size() + " steps, in " + days + (days == 1 ? " day" : " days") + ").").build());
    }

    /** {@code /onboarding}: where I am on each of my tracks. */
    static Message myProgress(Platform platform, List<OnboardingRun> runs, OnboardingService service) {
        if (runs.isEmpty()) {
            return Message.of(Markup.builder().text("You're not on an onboarding track. An admin can start one with ")
                    .code(platform.command("onboarding") + " start @you").text(".").build());
        }
        Markup.Builder text = Markup.builder();
        for (OnboardingRun run : runs) {
            if (!text.isEmpty()) {
                text.newline().newline();
            }
            text.bold(run.getTrackTitle()).text("  ").append(progress(run));
            for (int i = 0; i < run.size(); i++) {
                OnboardingStep step = run.step(i);
                String mark = run.done(i) ? "✅" : run.complete(i) ? "☑️" : run.released(i) ? "⏳" : "🔒";
                text.newline().text(mark + " " + (i + 1) + ". " + Texts.shorten(step.title(), 80));
                if (!run.released(i)) {
                    text.italic(" · " + DayOffset.format(step.day()));
                }
            }
            if (run.getStatus() == OnboardingRun.Status.FINISHED) {
                text.newline().text("🎉 Finished.");
            } else {
                service.nextArrival(run).ifPresent(at -> text.newline().italic("Next step arrives on "
                        + DAY.format(at.atZone(run.zone())) + "."));
                text.newline().text("Your step cards are in our direct messages.");
            }
        }
        return Message.of(text.build());
    }

    /** {@code /onboarding status}: who is where, since when, what is overdue and how quizzes went. */
    static Message status(String title, List<OnboardingRun> runs, OnboardingService service) {
        Markup.Builder text = Markup.builder().bold(title);
        if (runs.isEmpty()) {
            return Message.of(text.newline().italic("Nobody is onboarding right now.").build());
        }
        for (OnboardingRun run : runs) {
            text.newline().text("• ").mention(run.getUser(), run.getUserName()).text(" · " + run.getTrackTitle()
                    + " · " + run.completeCount() + "/" + run.size() + " steps · started "
                    + DAY.format(run.getStartDate()));
            if (run.getBuddy() != null) {
                text.text(" · buddy ").mention(run.getBuddy(), service.nameOf(run.getBuddy()));
            }
            if (run.getManager() != null) {
                text.text(" · manager ").mention(run.getManager(), service.nameOf(run.getManager()));
            }
            if (run.getStatus() == OnboardingRun.Status.FINISHED) {
                text.text(" · 🎉 finished");
            } else {
                int focus = run.focus();
                text.text(" · on step " + (focus + 1) + " (" + Texts.shorten(run.step(focus).title(), 60) + ")");
                List<OnboardingService.Overdue> late = service.overdue(run);
                for (OnboardingService.Overdue overdue : late) {
                    text.newline().text("    ⚠️ overdue since " + DAY.format(overdue.since()) + ": "
                            + Texts.shorten(run.step(overdue.index()).title(), 80));
                }
            }
            for (int i = 0; i < run.size(); i++) {
                StepQuiz quiz = run.step(i).quiz();
                if (quiz != null && run.answer(i).isPresent()) {
                    text.newline().text("    " + quiz.verdict(run.answer(i).get()) + " quiz, step " + (i + 1) + ": "
                            + Texts.shorten(quiz.choices().get(run.answer(i).get()), 60));
                }
            }
        }
        return Message.of(text.build());
    }

    static String day(LocalDate date) {
        return DAY.format(date);
    }
}
