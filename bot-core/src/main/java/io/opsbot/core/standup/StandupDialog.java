package io.opsbot.core.standup;

import io.opsbot.core.conversation.UserError;
import io.opsbot.core.dialog.Dialog;
import io.opsbot.core.dialog.DialogHandler;
import io.opsbot.core.message.Message;
import org.springframework.stereotype.Component;

/** The standup questions asked one by one in the DM; the answers become the person's report. */
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
        Attendance a = attendance(dialog);
        Standup standup = service.find(a.getStandupId()).orElseThrow();
        return StandupCards.opening(standup, a, standup.getQuestions());
    }

    @Override
    public Message question(Dialog dialog, int index) {
        Standup standup = service.find(attendance(dialog).getStandupId()).orElseThrow();
        return Message.of(StandupCards.question(standup.getQuestions(), index));
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

    private Attendance attendance(Dialog dialog) {
        return service.attendance(dialog.getSubject())
                .orElseThrow(() -> new IllegalStateException("no attendance " + dialog.getSubject()));
    }
}
