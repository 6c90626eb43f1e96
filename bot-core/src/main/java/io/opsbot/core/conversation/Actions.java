package io.opsbot.core.conversation;

import java.util.List;

/** A feature's buttons ({@code FeedbackActions}, ...): a Spring bean declaring each {@link Action}. */
public interface Actions {

    List<Action> actions();
}
