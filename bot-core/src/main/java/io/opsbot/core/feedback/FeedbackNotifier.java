package io.opsbot.core.feedback;

import io.opsbot.core.delivery.Outbox;
import io.opsbot.core.gateway.Destination;
import io.opsbot.core.launch.LaunchDrafts;
import io.opsbot.core.tenant.UserRef;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.List;

/**
 * Closes the loop. A status change is told to the reporter; when an item ships or is declined, to everyone who asked
 * for it (the reporter, reporters of merged items, every voter), with the release note if the product manager wrote
 * one, and in the thread it was saved from. When it ships, the product manager (its owner, else whoever shipped it,
 * else who linked the tracker that shipped it) is offered "Announce this launch". Everything goes through the outbox,
 * keyed by the change and the person, so each person is told once per change however often the change is reported.
 */
@Component
public class FeedbackNotifier {

    private final Outbox outbox;
    private final LaunchDrafts launches;

    public FeedbackNotifier(Outbox outbox, LaunchDrafts launches) {
        this.outbox = outbox;
        this.launches = launches;
    }

    /** {@code by} is who changed it (null for a tracker), not told about their own change. */
    public void statusChanged(FeedbackItem item, UserRef by, String byName, String note) {
        String change = item.getId() + ":" + item.getHistory().size();
        if (!closesTheLoop(item.getStatus())) {
            if (!item.getReporter().equals(by)) {
                outbox.enqueue("feedback-status:" + change, new Destination.Direct(item.getReporter()),
                        FeedbackCards.statusChanged(item, byName), null);
            }
            return;
        }
        List<Outbox.Outgoing> messages = new ArrayList<>();
        for (FeedbackItem.Asker asker : item.askers()) {
            if (!asker.user().equals(by)) {
                messages.add(new Outbox.Outgoing("feedback-closed:" + change + ":" + asker.user().key(),
                        new Destination.Direct(asker.user()), FeedbackCards.loopClosed(item, asker, byName, note),
                        null));
            }
        }
        if (item.getSourceThread() != null) {
            messages.add(new Outbox.Outgoing("feedback-thread:" + change, item.getSourceThread(),
                    FeedbackCards.threadReply(item, note), null));
        }
        UserRef pm = item.getOwner() != null ? item.getOwner() : by != null ? by
                : item.getTrackerLink() != null ? item.getTrackerLink().linkedBy() : null;
        if (item.getStatus() == FeedbackStatus.SHIPPED && pm != null) {
            String key = "feedback-launch:" + change;
            launches.prepare(LaunchDrafts.id(key), pm, FeedbackCards.launchTitle(item),
                    FeedbackCards.launchText(item, note), item.getTrackerLink() != null ? item.getTrackerLink().url()
                            : item.getLink());
            messages.add(new Outbox.Outgoing(key, new Destination.Direct(pm),
                    FeedbackCards.announceOffer(item, LaunchDrafts.id(key)), null));
        }
        outbox.enqueueAll(messages);
    }

    static boolean closesTheLoop(FeedbackStatus status) {
        return status == FeedbackStatus.SHIPPED || status == FeedbackStatus.DECLINED;
    }
}
