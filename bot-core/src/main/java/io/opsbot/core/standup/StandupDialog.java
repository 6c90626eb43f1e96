package io.opsbot.core.standup;

import io.opsbot.core.conversation.UserError;
import io.opsbot.core.dialog.Dialog;
import io.opsbot.core.dialog.DialogHandler;
import io.opsbot.core.dialog.DialogService;
import io.opsbot.core.message.Markup;
import io.opsbot.core.message.Message;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Locale;

/**
 * The standup questions asked one by one in the DM; the answers become the person's report. Typed answers are read
 * by the question's kind (a choice by its text or number, yes/no, 1-5, a number); a wrong one asks again with the
 * options. Conditional questions whose condition does not hold are not asked.
 */
@Component
public class StandupDialog implements DialogHandler {

    private final StandupService service;

    public StandupDialog(StandupService service) {
        this.service = service;
    }

    @Override
    public String kind() {
        return StandupService.DIALOG_KIND;
    }

    @Override
    public Message opening(Dialog dialog) {
        StandupService.Opening opening = service.forOpening(dialog.getSubject());
        return StandupCards.opening(opening.standup(), opening.attendance(), opening.standup().getQuestions());
    }

    @Override
    public Message question(Dialog dialog, int index) {
        return Message.of(StandupCards.question(questions(dialog), index));
    }

    @Override
    public Reading read(Dialog dialog, int index, String typed) {
        List<Question> questions = questions(dialog);
        if (index >= questions.size()) {
            return DialogHandler.super.read(dialog, index, typed);
        }
        Question q = questions.get(index);
        boolean skip = DialogService.SKIP_WORDS.contains(typed.strip().toLowerCase(Locale.ROOT));
        if (skip && q.isRequired()) {
            return again("This question needs an answer; it cannot be skipped.", questions, index);
        }
        try {
            return Reading.taken(skip ? "" : q.read(typed));
        } catch (Question.Rejected e) {
            return again(e.getMessage(), questions, index);
        }
    }

    @Override
    public boolean asks(Dialog dialog, int index, List<String> answers) {
        List<Question> questions = questions(dialog);
        return index >= questions.size() || questions.get(index).applies(answers);
    }

    @Override
    public Message completed(Dialog dialog) {
        try {
            Attendance saved = service.submit(dialog.getSubject(), dialog.getAnswers());
            return StandupCards.thanks(saved, service.find(saved.getStandupId()).orElseThrow());
        } catch (UserError e) {
            return Message.text(e.getMessage());
        }
    }

    private static Reading again(String why, List<Question> questions, int index) {
        return Reading.askAgain(Message.of(Markup.builder().text("⚠️ " + why).newline()
                .append(StandupCards.question(questions, index)).build()));
    }

    private List<Question> questions(Dialog dialog) {
        return service.find(attendance(dialog).getStandupId()).orElseThrow().getQuestions();
    }

    private Attendance attendance(Dialog dialog) {
        return service.attendance(dialog.getSubject())
                .orElseThrow(() -> new IllegalStateException("no attendance " + dialog.getSubject()));
    }
}
