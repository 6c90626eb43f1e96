package io.opsbot.slack.inbound;

import com.slack.api.app_backend.events.payload.EventsApiPayload;
import com.slack.api.bolt.App;
import com.slack.api.bolt.context.builtin.EventContext;
import com.slack.api.model.event.AppHomeOpenedEvent;
import io.opsbot.core.tenant.UserRef;
import io.opsbot.slack.home.HomeTabs;
import org.springframework.stereotype.Component;

/**
 * {@code app_home_opened} on the Home tab (not the Messages tab): the person's home is published, after the ack.
 * Slack sends the event each time the tab is opened, so what the person sees is never older than their last visit.
 */
@Component
class AppHomeListener implements SlackListener {

    private final HomeTabs homeTabs;

    AppHomeListener(HomeTabs homeTabs) {
        this.homeTabs = homeTabs;
    }

    @Override
    public void register(App app) {
        app.event(AppHomeOpenedEvent.class, this::onOpened);
    }

    private com.slack.api.bolt.response.Response onOpened(EventsApiPayload<AppHomeOpenedEvent> payload,
                                                          EventContext ctx) {
        AppHomeOpenedEvent event = payload.getEvent();
        if ("home".equals(event.getTab()) && event.getUser() != null && !event.getUser().isBlank()) {
            UserRef user = new UserRef(SlackInvokers.tenant(ctx), event.getUser());
            homeTabs.opened(user);
        }
        return ctx.ack();
    }
}
