package io.opsbot.core.training;

import io.opsbot.core.conversation.ActionHandler;
import io.opsbot.core.conversation.ActionRequest;
import io.opsbot.core.conversation.Response;
import io.opsbot.core.conversation.UserError;
import io.opsbot.core.tenant.UserRef;
import org.springframework.stereotype.Component;

/** Attend / Decline on an invitation and Acknowledge on an announcement; the card updates in place. */
@Component
public class TrainingActions implements ActionHandler {

    /** Attend / Decline an invitation, Acknowledge an announcement; the button's value is the session's or its id. */
    public static final String ATTEND = TrainingCards.ATTEND;
    public static final String DECLINE = TrainingCards.DECLINE;
    public static final String ACKNOWLEDGE = TrainingCards.ACK;

    private final TrainingService training;

    public TrainingActions(TrainingService training) {
        this.training = training;
    }

    @Override
    public String prefix() {
        return "training";
    }

    @Override
    public Response handle(ActionRequest request) {
        UserRef person = request.invoker().user();
        String id = request.value();
        if (!id.startsWith(person.tenant().key() + ":")) {
            throw new UserError("That button is no longer active.");
        }
        switch (request.actionId()) {
            case TrainingCards.ATTEND:
            case TrainingCards.DECLINE:
                TrainingSession.Answer answer = request.actionId().equals(TrainingCards.ATTEND)
                        ? TrainingSession.Answer.ATTENDING : TrainingSession.Answer.DECLINED;
                TrainingSession session = training.rsvp(person, id, answer);
                return new Response.UpdateMessage(TrainingCards.invitation(session, training.zoneOf(person, session),
                        answer));
            case TrainingCards.ACK:
                return new Response.UpdateMessage(TrainingCards.announcement(training.acknowledge(person, id), true));
            default:
                throw new UserError("That button is no longer active.");
        }
    }
}
