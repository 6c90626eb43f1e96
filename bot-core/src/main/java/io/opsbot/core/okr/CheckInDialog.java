package io.opsbot.core.okr;

import io.opsbot.core.conversation.UserError;
import io.opsbot.core.dialog.Dialog;
import io.opsbot.core.dialog.DialogHandler;
import io.opsbot.core.message.Markup;
import io.opsbot.core.message.Message;
import io.opsbot.core.tenant.UserRef;
import org.springframework.stereotype.Component;

import java.time.LocalDate;
import java.util.List;

/**
 * The check-in asked question by question in the owner's DM: the new value, the confidence, a comment. The dialog's
 * key is its claim, (key result, week, owner), and its subject the key result's id.
 */
@Component
public class CheckInDialog implements DialogHandler {

    public static final String KIND = "okr-checkin";
    static final int VALUE = 0;
    static final int CONFIDENCE = 1;
    static final int COMMENT = 2;

    private final CheckInService checkIns;

    public CheckInDialog(CheckInService checkIns) {
        this.checkIns = checkIns;
    }

    static String keyPrefix(KeyResult kr) {
        return "okr-checkin:" + kr.getId() + ":";
    }

    static String key(KeyResult kr, LocalDate week, UserRef owner) {
        return keyPrefix(kr) + week + ":" + owner.key();
    }

    static List<String> questions(KeyResult kr) {
        String value = kr.getMetric() == MetricType.DONE
                ? "Is " + kr.reference() + " done? Reply done or not done."
                : "What is " + kr.reference() + " at now? It was " + MetricValues.format(kr, kr.getCurrent())
                  + " (target " + MetricValues.format(kr, kr.getTarget()) + "). Reply with a number.";
        return List.of(value,
                "How confident are you that " + kr.reference() + " will be reached: on track, at risk or off track?",
                "Anything to add? One line on what moved it or what is in the way.");
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public Message opening(Dialog dialog) {
        String title = checkIns.visibleTo(dialog.getUser(), dialog.getSubject()).map(KeyResult::getTitle)
                .orElse("");
        return Message.of(Markup.builder().text("✍️ Check-in: ").bold(title).newline()
                .text(step(dialog, VALUE)).newline()
                .italic("Type skip to keep a value, or cancel to stop; the Check in button works too.").build());
    }

    @Override
    public Message question(Dialog dialog, int index) {
        return Message.text(step(dialog, index));
    }

    @Override
    public Message completed(Dialog dialog) {
        List<String> answers = dialog.getAnswers();
        UserRef owner = dialog.getUser();
        try {
            KeyResult before = checkIns.checkable(owner, dialog.getSubject());
            Confidence confidence = Confidence.parse(answers.get(CONFIDENCE)).orElse(null);
            CheckIn checkIn = checkIns.record(owner, null, dialog.getSubject(), answers.get(VALUE), confidence,
                    answers.get(COMMENT), CheckIn.Source.DIRECT_MESSAGE);
            return OkrCards.checkedIn(before, checkIn, checkIns.alerted(before, checkIn));
        } catch (UserError e) {
            return Message.text("⚠️ " + e.getMessage() + " Nothing was saved; use the Check in button to try again.");
        }
    }

    private static String step(Dialog dialog, int index) {
        return (index + 1) + "/" + dialog.getQuestions().size() + " " + dialog.getQuestions().get(index);
    }
}
